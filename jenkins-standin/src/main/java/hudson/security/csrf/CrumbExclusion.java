package hudson.security.csrf;

import hudson.ExtensionPoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stand-in: lets a POST through without a CSRF crumb when {@link #process} says it handled it. */
public abstract class CrumbExclusion implements ExtensionPoint {
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        throw new UnsupportedOperationException("stand-in: " + getClass().getName() + " must override process");
    }
}
