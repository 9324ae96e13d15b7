package hudson.security;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Stand-in: what {@link ACL#as2} returns; closing it restores the previous authentication, as upstream. */
public class ACLContext implements AutoCloseable {
    private final SecurityContext previousContext;

    ACLContext(SecurityContext previousContext) {
        this.previousContext = previousContext;
    }

    @Override
    public void close() {
        SecurityContextHolder.setContext(previousContext);
    }
}
