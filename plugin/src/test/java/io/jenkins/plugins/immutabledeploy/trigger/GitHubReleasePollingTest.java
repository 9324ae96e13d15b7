package io.jenkins.plugins.immutabledeploy.trigger;

import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.SECRET;
import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.fixture;
import static io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTriggerTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.okhttp.api.TestProxy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling for a Jenkins GitHub cannot reach, against a loopback GitHub Enterprise API. */
class GitHubReleasePollingTest {
    private static final String TOKEN = "ghp_PollingT0kenFromACredential000000000";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path jobDir;

    private final List<List<String>> scheduled = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(GitHubReleaseTrigger.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("hello-world-hook", SECRET));
        TestCredentials.add(TestCredentials.Text.of("github-token", TOKEN));
        logger.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(capture);
        TestCredentials.clear();
    }

    private GitHubReleaseTrigger polling(String tokenId) {
        return polling(tokenId, new ReleaseJob("deploy-app", jobDir));
    }

    private GitHubReleaseTrigger polling(String tokenId, ReleaseJob job) {
        GitHubReleaseTrigger t = new GitHubReleaseTrigger("octocat/Hello-World");
        t.setSecretCredentialsId("hello-world-hook");
        t.setPollingSpec("H/5 * * * *");
        t.setApiUrl(server.url("/api/v3").toString());
        t.setApiTokenCredentialsId(tokenId);
        t.setScheduler(this::schedule);
        this.job = job;
        return job.setTrigger(t);
    }

    private ReleaseJob job;

    private boolean schedule(hudson.model.Job<?, ?> j, List<hudson.model.Action> actions) {
        return scheduled.add(List.of(j.getFullName(),
                GitHubReleaseTriggerTest.Scheduled.parameters(actions).getParameter("RELEASE_TAG").getValue().toString()));
    }

    private WebhookOutcome deliver(Map<String, String> headers, byte[] body) {
        return GitHubReleaseWebhook.receive(headers, body, () -> List.of(new GitHubReleaseWebhook.Receiver(job,
                (GitHubReleaseTrigger) job.getTriggers().values().iterator().next())));
    }

    private static String listing(long... ids) throws Exception {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (long id : ids) {
            a.add(release(id, id == 182512947L ? "v1.2.3" : "v1.0." + id));
        }
        return Json.write(a);
    }

    private static ObjectNode release(long id, String tag) throws Exception {
        ObjectNode r = (ObjectNode) Json.MAPPER.readTree(fixture("release-published.json")).get("release");
        r.put("id", id);
        r.put("tag_name", tag);
        return r;
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    @Test
    void aReleaseFoundByPollingStartsTheJobOnceAndTheWebhookForItThenStartsNothing() throws Exception {
        GitHubReleaseTrigger t = polling("github-token");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"first\"").body(listing(7)).build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"first\"").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"second\"").body(listing(182512947L, 7)).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"third\"").body(listing(182512947L, 7)).build());

        t.poll();
        assertThat(scheduled).as("the first poll only notes what exists").isEmpty();
        RecordedRequest first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/api/v3/repos/octocat/Hello-World/releases");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);

        t.poll();
        assertThat(take().getHeaders().get("If-None-Match")).isEqualTo("\"first\"");
        assertThat(scheduled).isEmpty();

        t.poll();
        t.poll();
        assertThat(scheduled).containsExactly(List.of("deploy-app", "v1.2.3"));

        byte[] body = fixture("release-published.json");
        WebhookOutcome late = deliver(signed("release", "late-1", body, SECRET), body);
        assertThat(late.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
        assertThat(scheduled).hasSize(1);
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void pollingGoesThroughJenkinsProxy() throws Exception {
        TestProxy.use(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(server.getHostName(), server.getPort())));
        try {
            GitHubReleaseTrigger t = polling("github-token");
            t.setApiUrl("http://github.invalid/api/v3");
            server.enqueue(new MockResponse.Builder().code(200).body(listing(7)).build());

            t.poll();

            assertThat(take().getUrl().toString()).isEqualTo("http://github.invalid/api/v3/repos/octocat/Hello-World/releases?per_page=100");
        } finally {
            TestProxy.use(null);
        }
    }

    @Test
    void aReleasePublishedWhileJenkinsWasDownStartsTheJobAtTheFirstPollAfterTheRestart() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"first\"").body(listing(7)).build());
        polling("github-token").poll();
        Path state = jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE);
        assertThat(state).hasContent("v2\ninitialized=true\netag=\"first\"\nseen=7");
        take();

        // A restart: new job and trigger objects, nothing in memory; the job's folder is all that is left.
        GitHubReleaseTrigger afterRestart = polling("github-token");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"second\"").body(listing(182512947L, 7)).build());
        afterRestart.poll();

        assertThat(take().getHeaders().get("If-None-Match")).isEqualTo("\"first\"");
        assertThat(scheduled).containsExactly(List.of("deploy-app", "v1.2.3"));
        assertThat(state).hasContent("v2\ninitialized=true\netag=\"second\"\nseen=182512947,7\n"
                + "started=octocat/hello-world#182512947");
        assertThat(Files.readString(state)).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void anUnreadableSavedStateIsLoggedAndPollingTakesStockAgain() throws Exception {
        Files.writeString(jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE), "not a poll state");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"first\"").body(listing(182512947L, 7)).build());

        polling("github-token").poll();

        assertThat(scheduled).as("existing releases are only noted, as on a first poll").isEmpty();
        assertThat(logged).anyMatch(l -> l.contains("could not read") && l.contains("taking stock of the existing releases again"));
        assertThat(jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE)).hasContent("v2\ninitialized=true\netag=\"first\"\nseen=182512947,7");
    }

    @Test
    void aMissingTokenCredentialIsLoggedAndNoRequestGoesOut() {
        polling("no-such-token").poll();
        assertThat(server.getRequestCount()).isZero();
        assertThat(logged).anyMatch(l -> l.contains("the API token credential 'no-such-token' is missing"));
    }

    @Test
    void aRefusedTokenIsLoggedMaskedAndThePollStateIsKept() throws Exception {
        GitHubReleaseTrigger t = polling("github-token");
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"message\":\"Bad credentials " + TOKEN + "\"}").build());
        t.poll();
        assertThat(logged).anyMatch(l -> l.contains("answered 401") && l.contains("the API token was refused"));
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN);

        server.enqueue(new MockResponse.Builder().code(200).body(listing(7)).build());
        server.enqueue(new MockResponse.Builder().code(200).body(listing(8, 7)).build());
        t.poll();
        t.poll();
        assertThat(scheduled).containsExactly(List.of("deploy-app", "v1.0.8"));
    }

    @Test
    void withoutAPollingScheduleTheCronTickAsksGitHubNothing() throws Exception {
        GitHubReleaseTrigger t = new GitHubReleaseTrigger("octocat/Hello-World");
        t.setApiUrl(server.url("/api/v3").toString());
        new ReleaseJob("webhook-only", jobDir).setTrigger(t);
        t.run();
        Thread.sleep(200);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theTokenIsLookedUpAsTheJobsAuthenticationSoAUserCannotSendAGlobalTokenToAnApiUrlOfTheirChoice() {
        // Authorize Project runs the job as mallory; she can set apiUrl to a server of hers.
        polling("github-token", new ReleaseJob("deploy-app", jobDir, "mallory")).poll();

        assertThat(server.getRequestCount()).as("requests to the apiUrl").isZero();
        assertThat(logged).anyMatch(l -> l.contains("the API token credential 'github-token' is missing, not Secret "
                + "text, or not available to the job's authentication (mallory); nothing was sent"));
    }

    @Test
    void theTokensUseIsTrackedOnTheJob() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(listing(7)).build());
        polling("github-token").poll();
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(TestCredentials.tracked()).extracting(c -> ((TestCredentials.Text) c).getId()).containsExactly("github-token");
    }

    @Test
    void cronTicksWhileGitHubHangsQueueOnePollPerTriggerAndNoMoreThanTheQueueHolds() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                answer.await(30, TimeUnit.SECONDS);
                try {
                    return new MockResponse.Builder().code(200).body(listing(7)).build();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        PollQueue queue = new PollQueue(1, 2);
        List<GitHubReleaseTrigger> triggers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GitHubReleaseTrigger t = polling("github-token", new ReleaseJob("app-" + i, jobDir.resolve("app-" + i)));
            t.setPollQueue(queue);
            triggers.add(t);
        }

        triggers.get(0).run();
        take();
        triggers.get(0).run();
        for (GitHubReleaseTrigger t : triggers.subList(1, 6)) {
            t.run();
            t.run();
        }

        assertThat(queue.waiting()).as("polls waiting behind the hung one").isEqualTo(2);
        assertThat(logged).filteredOn(l -> l.contains("skipped at this tick: 2 polls are already waiting")).hasSize(6)
                .allMatch(l -> l.matches("GitHub release polling of app-[345] skipped at this tick: .*"));

        answer.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((queue.waiting() > 0 || server.getRequestCount() < 3) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.getRequestCount()).as("the hung poll and the two that waited").isEqualTo(3);
    }
}
