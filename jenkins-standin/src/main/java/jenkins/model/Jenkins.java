package jenkins.model;

import hudson.model.Item;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import org.springframework.security.access.AccessDeniedException;

/**
 * Stand-in: the Jenkins instance. There is none here: {@link #get()} fails, as upstream does before start-up, unless a
 * test in this package sets {@link #instance} (and clears it after), to say what the current user may do.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    static volatile Jenkins instance;

    Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        Jenkins j = instance;
        if (j == null) {
            throw new IllegalStateException("stand-in: Jenkins is not running");
        }
        return j;
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) throws AccessDeniedException {
        throw new IllegalStateException("stand-in: Jenkins is not running");
    }
}
