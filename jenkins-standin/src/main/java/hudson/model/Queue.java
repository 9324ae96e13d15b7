package hudson.model;

import hudson.security.ACL;
import org.springframework.security.core.Authentication;

/** Stand-in: the build queue; only its item and task types are named here. */
public class Queue {
    private Queue() {}

    /** Stand-in: an entry in the queue. */
    public abstract static class Item extends Actionable {
        private Item() {}
    }

    /** Stand-in: something that can be queued and built, such as a job. */
    public interface Task {
        /** As upstream: the authentication a build of this task runs as when no authenticator says otherwise. */
        default Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
