package hudson.security;

import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/** Stand-in: access control; the system identity, and running code as another authentication. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM", List.of());

    private ACL() {}

    /** As upstream: the thread's security context holds {@code auth} until the returned context is closed. */
    public static ACLContext as2(Authentication auth) {
        ACLContext context = new ACLContext(SecurityContextHolder.getContext());
        SecurityContextHolder.setContext(new SecurityContextImpl(auth));
        return context;
    }
}
