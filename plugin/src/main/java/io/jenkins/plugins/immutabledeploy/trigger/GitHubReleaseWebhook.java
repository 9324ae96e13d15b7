package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.Extension;
import hudson.model.Job;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.triggers.Trigger;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.ops.WatchReleases;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import jenkins.triggers.TriggeredItem;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * {@code <jenkins>/github-release-webhook/}: where GitHub delivers release events. It needs no
 * Jenkins login and no CSRF crumb ({@link GitHubReleaseCrumbExclusion}): the HMAC signature is the
 * authentication, checked against the secret of every job's {@link GitHubReleaseTrigger}, found in
 * the jobs at delivery time. The answer is the status of the most relevant outcome (202 when a
 * build was scheduled, 200 for a ping, an ignored event or a release that already started the job,
 * 401/403 for a missing or wrong signature, 400 malformed or a tag git refuses, 413 too large, 503
 * when a job could not take the build) and a one-line message, which names no job.
 */
@Extension
public class GitHubReleaseWebhook implements UnprotectedRootAction {
    /** The URL under Jenkins' root. */
    public static final String URL_NAME = "github-release-webhook";

    /** A job and the release trigger it holds now. */
    record Receiver(Job<?, ?> job, GitHubReleaseTrigger trigger) implements WatchReleases.Receiver {
        @Override
        public WebhookOutcome receive(Map<String, String> headers, byte[] body) {
            return trigger.receive(job, headers, body);
        }
    }

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
     * Handles a delivery. POST only: Stapler answers any other verb with 405 before this runs. No
     * permission check, deliberately: GitHub delivers anonymously, and the HMAC signature made with a
     * job's secret is what authenticates a delivery (which is also why the path is excluded from
     * CSRF crumbs). What needs no secret is refused once, before any job's secret is looked up.
     *
     * @param req the request
     * @param rsp the response
     * @throws IOException when the body cannot be read or the answer written
     */
    @RequirePOST
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // the HMAC signature is the authentication, see above
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        // Read first: the HMAC covers the raw bytes, so nothing may parse the body before.
        byte[] body = WatchReleases.readBody(req.getInputStream());
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.putIfAbsent(name, req.getHeader(name));
        }
        WebhookOutcome o = receive(headers, body, GitHubReleaseWebhook::receivers);
        answer(rsp, o.status(), o.message());
    }

    /**
     * The release triggers the jobs hold now, as Jenkins' cron finds triggers: a job reconfigured,
     * replaced by Job DSL or JCasC, reloaded or deleted takes its old trigger with it.
     *
     * @return every job's release trigger; call as SYSTEM, which sees every job
     */
    static List<Receiver> receivers() {
        List<Receiver> found = new ArrayList<>();
        for (TriggeredItem item : Jenkins.get().allItems(TriggeredItem.class)) {
            if (item instanceof Job<?, ?> job) {
                for (Trigger<?> t : item.getTriggers().values()) {
                    if (t instanceof GitHubReleaseTrigger trigger) {
                        found.add(new Receiver(job, trigger));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Screens a delivery once, then offers it to every job's trigger and picks the answer ({@link WatchReleases#deliver}).
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link WatchReleases#readBody}
     * @param receivers finds the jobs' triggers; not called for a delivery refused without a secret
     * @return the most relevant outcome; its message counts the jobs scheduled and those that could not take the build
     */
    static WebhookOutcome receive(Map<String, String> headers, byte[] body,
            Supplier<? extends Collection<? extends WatchReleases.Receiver>> receivers) {
        // As SYSTEM, as github-plugin does: an anonymous request must find jobs anonymous users may not see. Safe,
        // because a build is scheduled only for a delivery signed with that job's own secret.
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return WatchReleases.deliver(headers, body, receivers);
        }
    }

    private static void answer(StaplerResponse2 rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=UTF-8");
        PrintWriter w = rsp.getWriter();
        w.println(message);
        w.flush();
    }
}
