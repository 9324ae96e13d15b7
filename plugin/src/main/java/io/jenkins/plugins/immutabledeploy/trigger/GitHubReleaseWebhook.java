package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.ops.WatchReleases;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code <jenkins>/github-release-webhook/}: where GitHub delivers release events. It needs no
 * Jenkins login and no CSRF crumb ({@link GitHubReleaseCrumbExclusion}): the HMAC signature is the
 * authentication, checked against the secret of every job's {@link GitHubReleaseTrigger}. The
 * answer is the status of the most relevant outcome (202 when a build was scheduled, 200 for a
 * ping or an ignored event, 401/403 for a missing or wrong signature, 400 malformed, 413 too
 * large) and a one-line message, which names no job.
 */
@Extension
public class GitHubReleaseWebhook implements UnprotectedRootAction {
    /** The URL under Jenkins' root. */
    public static final String URL_NAME = "github-release-webhook";

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * Handles a delivery.
     *
     * @param req the request
     * @param rsp the response
     * @throws IOException when the body cannot be read or the answer written
     */
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        if (!"POST".equalsIgnoreCase(req.getMethod())) {
            rsp.setHeader("Allow", "POST");
            answer(rsp, 405, "GitHub delivers webhooks here with POST");
            return;
        }
        // Read first: the HMAC covers the raw bytes, so nothing may parse the body before.
        byte[] body = WatchReleases.readBody(req.getInputStream());
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.putIfAbsent(name, req.getHeader(name));
        }
        WebhookOutcome o = receive(headers, body, GitHubReleaseTrigger.started());
        answer(rsp, o.status(), o.message());
    }

    /**
     * Offers a delivery to every started trigger and picks the answer.
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link WatchReleases#readBody}
     * @param triggers the triggers to offer it to
     * @return the most relevant outcome; its message counts the jobs scheduled
     */
    static WebhookOutcome receive(Map<String, String> headers, byte[] body, Collection<GitHubReleaseTrigger> triggers) {
        return WatchReleases.deliver(headers, body, triggers);
    }

    private static void answer(StaplerResponse2 rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=UTF-8");
        PrintWriter w = rsp.getWriter();
        w.println(message);
        w.flush();
    }
}
