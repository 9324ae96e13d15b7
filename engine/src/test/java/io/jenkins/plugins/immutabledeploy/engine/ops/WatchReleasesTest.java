package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchReleasesTest {
    private static final String SECRET = "wh-S3cret-of-the-watch";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path tmp;

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

    private WatchReleases watch() {
        return new WatchReleases(new WatchReleases.Request("octocat/Hello-World", null, false,
                server.url("/api/v3").toString(), null), lines::add);
    }

    private boolean start(Release r) {
        return started.add(r.tagName());
    }

    @Test
    void aReleaseDeliveredAndThenPolledStartsTheJobOnce() throws Exception {
        WatchReleases watch = watch();
        Path state = tmp.resolve("poll-state.txt");
        server.enqueue(new MockResponse.Builder().code(200).body(listing(false)).build());
        watch.poll(null, state, this::start);
        byte[] body = delivery();

        WebhookOutcome delivered = watch.receive(WatchReleases.deliveryHeaders(new WebhookVerifier(SECRET).sign(body),
                "release", "d-1"), body, SECRET, this::start);
        server.enqueue(new MockResponse.Builder().code(200).body(listing(true)).build());
        watch.poll(null, state, this::start);

        assertThat(delivered.kind()).isEqualTo(WebhookOutcome.Kind.TRIGGERED);
        assertThat(started).containsExactly("v1.2.3");
        assertThat(state).content().contains("182512947");
    }

    @Test
    void aPollAfterARestartReadsWhatTheLastOneSawAndStartsWhatWasPublishedMeanwhile() throws Exception {
        Path state = tmp.resolve("poll-state.txt");
        server.enqueue(new MockResponse.Builder().code(200).body(listing(false)).build());
        watch().poll(null, state, this::start);

        server.enqueue(new MockResponse.Builder().code(200).body(listing(true)).build());
        watch().poll(null, state, this::start);

        assertThat(started).containsExactly("v1.2.3");
    }

    @Test
    void aDeliveryWithoutAReadableSecretIsRefused() throws Exception {
        WebhookOutcome o = watch().receive(Map.of("X-GitHub-Delivery", "d-2"), delivery(), null, this::start);

        assertThat(o.status()).isEqualTo(403);
        assertThat(o.delivery()).isEqualTo("d-2");
        assertThat(started).isEmpty();
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
