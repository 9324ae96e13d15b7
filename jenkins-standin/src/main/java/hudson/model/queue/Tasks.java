package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Stand-in: helpers for queue tasks. No {@code QueueItemAuthenticator} is configured here. */
public class Tasks {
    /** As upstream with no authenticator configured: the task's own default authentication. */
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        return t.getDefaultAuthentication2();
    }
}
