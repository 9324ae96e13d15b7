package jenkins.model;

import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Stand-in: the Jenkins instance. There is none here: {@link #get()} fails, as upstream does before start-up, unless a
 * test in this package sets {@link #instance} (and clears it after), to say what the current user may do and which
 * items exist ({@link #items}). As in a Jenkins whose anonymous users may not read jobs, {@link #allItems} lists the
 * items only to code running as {@link ACL#SYSTEM2}.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    static volatile Jenkins instance;

    /** The items {@link #allItems} lists, in this order. */
    final List<Item> items = new CopyOnWriteArrayList<>();

    Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        Jenkins j = instance;
        if (j == null) {
            throw new IllegalStateException("stand-in: Jenkins is not running");
        }
        return j;
    }

    /** Upstream inherits this from {@code ItemGroup}: every item of the type the thread's authentication may read. */
    public <T extends Item> Iterable<T> allItems(Class<T> type) {
        List<T> found = new ArrayList<>();
        if (ACL.SYSTEM2.equals(SecurityContextHolder.getContext().getAuthentication())) {
            for (Item i : items) {
                if (type.isInstance(i)) {
                    found.add(type.cast(i));
                }
            }
        }
        return found;
    }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) throws AccessDeniedException {
        throw new IllegalStateException("stand-in: Jenkins is not running");
    }
}
