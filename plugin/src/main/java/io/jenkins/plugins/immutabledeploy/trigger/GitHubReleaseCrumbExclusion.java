package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets GitHub's deliveries to {@link GitHubReleaseWebhook} through without a CSRF crumb: GitHub
 * cannot fetch one, and the HMAC signature already proves the sender.
 */
@Extension
public class GitHubReleaseCrumbExclusion extends CrumbExclusion {
    private static final String PATH = "/" + GitHubReleaseWebhook.URL_NAME;

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && (path.equals(PATH) || path.startsWith(PATH + "/"))) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
