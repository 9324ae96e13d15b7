package io.jenkins.plugins.immutabledeploy.trigger;

import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.SECRET;
import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.fixture;
import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.signed;
import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.model.Action;
import hudson.model.Job;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.TestJenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The endpoint as Stapler calls it, anonymously: a servlet request in, a status and a line of text out, with the jobs
 * of a running Jenkins.
 */
class GitHubReleaseWebhookTest {
    private final List<String> scheduledJobs = new CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    private TestJenkins jenkins;

    @BeforeEach
    void setUp() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("hello-world-hook", SECRET));
        jenkins = TestJenkins.start(false);
    }

    @AfterEach
    void tearDown() {
        jenkins.close();
        TestCredentials.clear();
    }

    private boolean schedule(Job<?, ?> job, List<Action> actions) {
        return scheduledJobs.add(job.getFullName());
    }

    /** A job of this Jenkins holding a started webhook trigger. */
    private ReleaseJob job(String name, String repository) {
        ReleaseJob job = new ReleaseJob(name, home.resolve(name));
        trigger(job, repository, "hello-world-hook", this::schedule);
        jenkins.add(job);
        return job;
    }

    private Answer post(Map<String, String> headers, byte[] body) throws Exception {
        Answer a = new Answer();
        new GitHubReleaseWebhook().doIndex(request("POST", headers, body), a.response());
        return a;
    }

    /** A request with a method, headers and a body; only what the endpoint reads is answered. */
    private static StaplerRequest2 request(String method, Map<String, String> headers, byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }
        };
        return (StaplerRequest2) Proxy.newProxyInstance(StaplerRequest2.class.getClassLoader(),
                new Class<?>[] {StaplerRequest2.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getInputStream" -> stream;
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** What the endpoint wrote: status, headers, text. */
    private static final class Answer {
        int status = -1;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter text = new StringWriter();
        final PrintWriter writer = new PrintWriter(text);

        StaplerResponse2 response() {
            return (StaplerResponse2) Proxy.newProxyInstance(StaplerResponse2.class.getClassLoader(),
                    new Class<?>[] {StaplerResponse2.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            headers.put("Content-Type", (String) args[0]);
                            yield null;
                        }
                        case "getWriter" -> writer;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    @Test
    void aPostedSignedReleaseIsAnswered202AndSchedulesTheJob() throws Exception {
        job("deploy-app", "octocat/Hello-World");
        byte[] body = fixture("release-published.json");

        Answer a = post(signed("release", "w-1", body, SECRET), body);

        assertThat(a.status).isEqualTo(202);
        assertThat(a.headers).containsEntry("Content-Type", "text/plain;charset=UTF-8");
        assertThat(a.text.toString()).isEqualTo("triggered by release v1.2.3 of octocat/Hello-World: 1 job(s) scheduled"
                + System.lineSeparator());
        assertThat(scheduledJobs).containsExactly("deploy-app");
    }

    @Test
    void aPostedBadSignatureIsAnswered403WithoutNamingAnyJob() throws Exception {
        job("deploy-app", "octocat/Hello-World");
        byte[] body = fixture("release-published.json");
        Answer a = post(signed("release", "w-2", body, "nope"), body);
        assertThat(a.status).isEqualTo(403);
        assertThat(a.text.toString()).doesNotContain("deploy-app").doesNotContain(SECRET);
        assertThat(scheduledJobs).isEmpty();
    }

    @Test
    void anAnonymousPostThatIsUnsignedOrNotAReleaseCostsNoCredentialLookup() throws Exception {
        for (int i = 0; i < 3; i++) {
            job("deploy-app-" + i, "octocat/Hello-World");
        }
        byte[] body = fixture("release-published.json");
        Map<String, String> unsigned = signed("release", "u-1", body, SECRET);
        unsigned.remove("X-Hub-Signature-256");
        Map<String, String> malformed = signed("release", "u-2", body, SECRET);
        malformed.put("X-Hub-Signature-256", "sha256=guess");
        Map<String, String> push = signed("push", "u-3", body, "anything");

        assertThat(post(unsigned, body).status).isEqualTo(401);
        assertThat(post(malformed, body).status).isEqualTo(403);
        assertThat(post(push, body).status).isEqualTo(200);
        assertThat(post(new HashMap<>(), new byte[0]).status).isEqualTo(401);

        assertThat(TestCredentials.lookups()).as("credential lookups for anonymous requests").isZero();
        assertThat(scheduledJobs).isEmpty();

        // Only a request that looks signed makes each job look up its own secret: one lookup per job.
        assertThat(post(signed("release", "u-4", body, "guessed"), body).status).isEqualTo(403);
        assertThat(TestCredentials.lookups()).isEqualTo(3);
    }

    @Test
    void triggersAreFoundInTheJobsAtDeliverySoAReplacedTriggerAndADeletedJobStartNothing() throws Exception {
        ReleaseJob reconfigured = job("deploy-app", "octocat/Hello-World");
        // Saving the job (a config.xml POST, Job DSL, JCasC, a reload) replaces the trigger; Jenkins calls no stop().
        trigger(reconfigured, "octocat/Spoon-Knife", "hello-world-hook", this::schedule);
        ReleaseJob deleted = job("old-app", "octocat/Hello-World");
        jenkins.remove(deleted);
        byte[] body = fixture("release-published.json");

        Answer a = post(signed("release", "g-1", body, SECRET), body);

        assertThat(scheduledJobs).isEmpty();
        assertThat(a.status).isEqualTo(200);
        assertThat(a.text.toString()).startsWith("ignored: release v1.2.3 is of octocat/Hello-World, not octocat/Spoon-Knife");
    }

    @Test
    void theEndpointIsPostOnlyThroughStaplerAsItsSecurityScanExpects() throws Exception {
        var doIndex = GitHubReleaseWebhook.class.getMethod("doIndex", StaplerRequest2.class, StaplerResponse2.class);
        assertThat(doIndex.isAnnotationPresent(RequirePOST.class)).isTrue();
    }

    @Test
    void theEndpointIsAnUnlistedRootActionAtTheDocumentedUrl() {
        GitHubReleaseWebhook w = new GitHubReleaseWebhook();
        assertThat(w.getUrlName()).isEqualTo("github-release-webhook");
        assertThat(w.getIconFileName()).isNull();
        assertThat(w.getDisplayName()).isNull();
    }

    @Test
    void theCrumbExclusionPassesOnlyTheWebhookPathThroughTheFilterChain() throws Exception {
        GitHubReleaseCrumbExclusion exclusion = new GitHubReleaseCrumbExclusion();
        List<String> passed = new CopyOnWriteArrayList<>();
        for (String path : List.of("/github-release-webhook", "/github-release-webhook/", "/github-webhook/",
                "/github-release-webhook-evil/", "/job/x/build")) {
            HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> "getPathInfo".equals(m.getName()) ? path : null);
            FilterChain chain = (rq, rs) -> passed.add(path);
            boolean handled = exclusion.process(req, (HttpServletResponse) null, chain);
            assertThat(handled).as(path).isEqualTo(passed.contains(path));
        }
        assertThat(passed).containsExactly("/github-release-webhook", "/github-release-webhook/");
    }
}
