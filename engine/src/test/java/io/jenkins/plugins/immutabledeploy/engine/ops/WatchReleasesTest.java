package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchReleasesTest {
    private static final String SECRET = "wh-S3cret-of-the-watch";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path tmp;

    private Path state;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    private static byte[] delivery() throws IOException {
        try (InputStream in = WatchReleasesTest.class.getResourceAsStream("/github/release-published.json")) {
            return in.readAllBytes();
        }
    }

    /** The releases API's page listing the delivered release (id 182512947, v1.2.3) after older ones. */
    private static String listing(boolean withTheDeliveredOne) throws IOException {
        ArrayNode page = Json.MAPPER.createArrayNode();
        if (withTheDeliveredOne) {
            page.add(Json.MAPPER.readTree(delivery()).get("release"));
        }
        return Json.write(page);
    }

    /** The releases API's page: the delivered release's fields under other ids and tags, newest first. */
    private static String releases(Object... idsAndTags) throws IOException {
        ArrayNode page = Json.MAPPER.createArrayNode();
        for (int i = 0; i < idsAndTags.length; i += 2) {
            ObjectNode r = (ObjectNode) Json.MAPPER.readTree(delivery()).get("release").deepCopy();
            r.put("id", (Long) idsAndTags[i]);
            r.put("tag_name", (String) idsAndTags[i + 1]);
            page.add(r);
        }
        return Json.write(page);
    }

    private static Map<String, String> signed(String delivery, byte[] body) {
        return WatchReleases.deliveryHeaders(new WebhookVerifier(SECRET).sign(body), "release", delivery);
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    private WatchReleases watch() {
        return new WatchReleases(new WatchReleases.Request("octocat/Hello-World", null, false,
                server.url("/api/v3").toString(), null), lines::add);
    }

    private boolean start(Release r) {
        return started.add(r.tagName());
    }

    @BeforeEach
    void stateFile() {
        state = tmp.resolve("github-release-poll-state.txt");
    }

    @Test
    void aReleaseDeliveredAndThenPolledStartsTheJobOnce() throws Exception {
        WatchReleases watch = watch();
        server.enqueue(new MockResponse.Builder().code(200).body(listing(false)).build());
        watch.poll(null, state, this::start);
        byte[] body = delivery();

        WebhookOutcome delivered = watch.receive(WatchReleases.deliveryHeaders(new WebhookVerifier(SECRET).sign(body),
                "release", "d-1"), body, SECRET, state, this::start);
        server.enqueue(new MockResponse.Builder().code(200).body(listing(true)).build());
        watch.poll(null, state, this::start);

        assertThat(delivered.kind()).isEqualTo(WebhookOutcome.Kind.TRIGGERED);
        assertThat(started).containsExactly("v1.2.3");
        assertThat(state).content().contains("182512947");
    }

    @Test
    void aPollAfterARestartReadsWhatTheLastOneSawAndStartsWhatWasPublishedMeanwhile() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(listing(false)).build());
        watch().poll(null, state, this::start);

        server.enqueue(new MockResponse.Builder().code(200).body(listing(true)).build());
        watch().poll(null, state, this::start);

        assertThat(started).containsExactly("v1.2.3");
    }

    @Test
    void aDeliveryWithoutAReadableSecretIsRefused() throws Exception {
        WebhookOutcome o = watch().receive(Map.of("X-GitHub-Delivery", "d-2"), delivery(), null, state, this::start);

        assertThat(o.status()).isEqualTo(403);
        assertThat(o.delivery()).isEqualTo("d-2");
        assertThat(started).isEmpty();
    }

    @Test
    void theSameReleaseAgainIsAnswered200AndStartsNothingMoreWhateverItsDeliveryId() throws Exception {
        WatchReleases watch = watch();
        byte[] body = delivery();
        assertThat(watch.receive(signed("again-1", body), body, SECRET, state, this::start).status()).isEqualTo(202);

        WebhookOutcome again = watch.receive(signed("again-1", body), body, SECRET, state, this::start);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);

        // A fresh delivery id for the same release (GitHub sends "released" and "published" alike):
        WebhookOutcome sameRelease = watch.receive(signed("again-2", body), body, SECRET, state, this::start);
        assertThat(sameRelease.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
        assertThat(sameRelease.message()).isEqualTo("ignored: release v1.2.3 already started this job");
        assertThat(started).hasSize(1);
    }

    @Test
    void aJobThatCannotTakeTheBuildIsAnswered503AndTheReleaseStartsItWhenRedeliveredOnceItCan() throws Exception {
        AtomicBoolean disabled = new AtomicBoolean(true);
        WatchReleases app = watch();
        WatchReleases staging = watch();
        List<WatchReleases.Receiver> jobs = List.of(
                (h, b) -> app.receive(h, b, SECRET, tmp.resolve("app.txt"), r -> !disabled.get() && started.add("app")),
                (h, b) -> staging.receive(h, b, SECRET, tmp.resolve("staging.txt"), r -> started.add("staging")));
        byte[] body = delivery();

        WebhookOutcome refused = WatchReleases.deliver(signed("off-1", body), body, () -> jobs);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.kind()).isEqualTo(WebhookOutcome.Kind.NOT_SCHEDULED);
        assertThat(refused.message()).isEqualTo("release v1.2.3 of octocat/Hello-World: 1 job(s) scheduled, 1 could "
                + "not take the build now (disabled, or Jenkins is quieting down); redeliver this delivery once they can "
                + "(a job it already started is not started again)");
        assertThat(started).containsExactly("staging");

        disabled.set(false);
        // GitHub's "Redeliver" sends the same delivery again.
        WebhookOutcome redelivered = WatchReleases.deliver(signed("off-1", body), body, () -> jobs);
        assertThat(redelivered.status()).isEqualTo(202);
        assertThat(redelivered.message()).endsWith(": 1 job(s) scheduled");
        assertThat(started).containsExactly("staging", "app");
    }

    @Test
    void aReleaseThatStartedTheJobStartsNothingWhenRedeliveredAfterARestart() throws Exception {
        byte[] body = delivery();
        assertThat(watch().receive(signed("r-1", body), body, SECRET, state, this::start).status()).isEqualTo(202);

        // A restart: a new watcher, nothing in memory; the state file is all that is left.
        WebhookOutcome after = watch().receive(signed("r-1", body), body, SECRET, state, this::start);

        assertThat(after.kind()).isEqualTo(WebhookOutcome.Kind.DUPLICATE);
        assertThat(started).hasSize(1);
        assertThat(state).hasContent("v2\ninitialized=false\netag=\nseen=\nstarted=octocat/hello-world#182512947");
    }

    @Test
    void concurrentCopiesOfOneReleaseStartTheJobExactlyOnce() throws Exception {
        // Two watchers of one state file, as while a reconfiguration replaces the trigger.
        List<WatchReleases> watchers = List.of(watch(), watch());
        byte[] body = delivery();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<WebhookOutcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 32; i++) {
            WatchReleases watch = watchers.get(i % 2);
            String delivery = "race-" + (i % 3);
            pool.submit(() -> {
                go.await();
                return outcomes.add(watch.receive(signed(delivery, body), body, SECRET, state, r -> {
                    try {
                        // As long as Jenkins' queue takes: the window in which a second copy could start it too.
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return start(r);
                }));
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes).hasSize(32);
        assertThat(outcomes.stream().filter(o -> o.kind() == WebhookOutcome.Kind.TRIGGERED)).hasSize(1);
        assertThat(started).hasSize(1);
    }

    @Test
    void aTagGitRefusesIsAnswered400AndNeverBecomesReleaseTag() throws Exception {
        String payload = new String(delivery(), StandardCharsets.UTF_8)
                .replace("\"tag_name\": \"v1.2.3\"", "\"tag_name\": \"v1.2.3\\nimage_id=attacker-image\"");
        assertThat(payload).contains("attacker-image");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);

        WebhookOutcome o = WatchReleases.deliver(signed("t-1", body), body,
                () -> List.of((h, b) -> watch().receive(h, b, SECRET, state, this::start)));

        assertThat(o.status()).isEqualTo(400);
        assertThat(o.message()).startsWith("release.tag_name: 'v1.2.3\\u000aimage_id=attacker-image' is not a tag name "
                + "git accepts (it contains the control character U+000A)").doesNotContain("\n");
        assertThat(started).isEmpty();
    }

    @Test
    void aReleaseWhoseTagGitRefusesIsSkippedWithALogLineAndNotOfferedAgain() throws Exception {
        WatchReleases watch = watch();
        server.enqueue(new MockResponse.Builder().code(200).body(releases(7L, "v1.0.7")).build());
        String bad = releases(9L, "v1.0.9", 8L, "v1.0.8\nimage_id=x", 7L, "v1.0.7");
        server.enqueue(new MockResponse.Builder().code(200).body(bad).build());
        server.enqueue(new MockResponse.Builder().code(200).body(bad).build());

        watch.poll(null, state, this::start);
        watch.poll(null, state, this::start);
        watch.poll(null, state, this::start);

        assertThat(started).containsExactly("v1.0.9");
        assertThat(lines).filteredOn(l -> l.equals("WARNING: GitHub release polling of octocat/Hello-World: skipped "
                + "release 8: its tag 'v1.0.8\\u000aimage_id=x' is not a tag name git accepts (it contains the control "
                + "character U+000A)")).hasSize(1);
        assertThat(String.join("\n", lines)).doesNotContain("v1.0.8\nimage_id");
    }

    @Test
    void aReleaseTheJobCouldNotTakeIsOfferedAgainAtEveryPollUntilItStartsOnce() throws Exception {
        AtomicBoolean disabled = new AtomicBoolean(true);
        WatchReleases watch = watch();
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"a\"").body(releases(7L, "v1.0.7"))
                .build());
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"b\"")
                    .body(releases(8L, "v1.0.8", 7L, "v1.0.7")).build());
        }

        for (int i = 0; i < 3; i++) {
            watch.poll(null, state, r -> !disabled.get() && start(r));
        }
        assertThat(started).as("disabled").isEmpty();
        take();
        take();
        assertThat(take().getHeaders().get("If-None-Match")).as("the listing is read again whole").isNull();

        disabled.set(false);
        watch.poll(null, state, r -> !disabled.get() && start(r));
        watch.poll(null, state, r -> !disabled.get() && start(r));
        assertThat(started).containsExactly("v1.0.8");
        assertThat(state).hasContent("v2\ninitialized=true\netag=\"b\"\nseen=8,7\nstarted=octocat/hello-world#8");
    }

    @Test
    void aWrongFieldIsNamedAsTheCallerNamesIt() {
        Vocabulary cli = Vocabulary.OPTIONS.with(Map.of("repository", "--repo"));

        assertThatThrownBy(() -> new WatchReleases.Request("Hello-World", null, false, null, cli))
                .hasMessageStartingWith("--repo: 'Hello-World' is not a GitHub repository");
        assertThatThrownBy(() -> new WatchReleases.Request("octocat/Hello-World", "v(", false, null, null))
                .hasMessageStartingWith("tagPattern: 'v(' is not a valid regular expression");
        assertThatThrownBy(() -> new WatchReleases.Request("octocat/Hello-World", "v(", false, null, cli))
                .hasMessageStartingWith("--tag-pattern: 'v(' is not a valid regular expression");
        assertThatThrownBy(() -> new WatchReleases.Request("octocat/Hello-World", null, false, "ftp://x", cli))
                .hasMessageStartingWith("--api-url: 'ftp://x' is not an http(s) URL");
    }
}
