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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
        GitHubReleaseTrigger.started().forEach(GitHubReleaseTrigger::stop);
        logger.removeHandler(capture);
        TestCredentials.clear();
    }

    private GitHubReleaseTrigger polling(String tokenId) {
        GitHubReleaseTrigger t = new GitHubReleaseTrigger("octocat/Hello-World");
        t.setSecretCredentialsId("hello-world-hook");
        t.setPollingSpec("H/5 * * * *");
        t.setApiUrl(server.url("/api/v3").toString());
        t.setApiTokenCredentialsId(tokenId);
        t.setScheduler((job, actions) -> scheduled.add(List.of(job.getFullName(),
                GitHubReleaseTriggerTest.Scheduled.parameters(actions).getParameter("RELEASE_TAG").getValue().toString())));
        t.start(new ReleaseJob("deploy-app", jobDir.toFile()), true);
        return t;
    }

    private static String listing(long... ids) throws Exception {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (long id : ids) {
            ObjectNode r = (ObjectNode) Json.MAPPER.readTree(fixture("release-published.json")).get("release");
            if (id != 182512947L) {
                r.put("id", id);
                r.put("tag_name", "v1.0." + id);
            }
            a.add(r);
        }
        return Json.write(a);
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
        WebhookOutcome late = GitHubReleaseWebhook.receive(signed("release", "late-1", body, SECRET), body,
                GitHubReleaseTrigger.started());
        assertThat(late.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
        assertThat(scheduled).hasSize(1);
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void aReleasePublishedWhileJenkinsWasDownStartsTheJobAtTheFirstPollAfterTheRestart() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"first\"").body(listing(7)).build());
        polling("github-token").poll();
        Path state = jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE);
        assertThat(state).hasContent("v1;true;\"first\";7");
        take();

        // A restart: a new trigger object, nothing in memory; the job's folder is all that is left.
        GitHubReleaseTrigger.started().forEach(GitHubReleaseTrigger::stop);
        GitHubReleaseTrigger afterRestart = polling("github-token");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"second\"").body(listing(182512947L, 7)).build());
        afterRestart.poll();

        assertThat(take().getHeaders().get("If-None-Match")).isEqualTo("\"first\"");
        assertThat(scheduled).containsExactly(List.of("deploy-app", "v1.2.3"));
        assertThat(state).hasContent("v1;true;\"second\";182512947,7");
        assertThat(Files.readString(state)).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void anUnreadableSavedStateIsLoggedAndPollingTakesStockAgain() throws Exception {
        Files.writeString(jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE), "not a poll state");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"first\"").body(listing(182512947L, 7)).build());

        polling("github-token").poll();

        assertThat(scheduled).as("existing releases are only noted, as on a first poll").isEmpty();
        assertThat(logged).anyMatch(l -> l.contains("could not read") && l.contains("taking stock of the existing releases again"));
        assertThat(jobDir.resolve(GitHubReleaseTrigger.POLL_STATE_FILE)).hasContent("v1;true;\"first\";182512947,7");
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
        t.start(new ReleaseJob("webhook-only"), true);
        t.run();
        Thread.sleep(200);
        assertThat(server.getRequestCount()).isZero();
    }
}
