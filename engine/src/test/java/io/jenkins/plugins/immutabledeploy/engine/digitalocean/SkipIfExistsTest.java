package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkipIfExistsTest {
    private final MockWebServer server = new MockWebServer();
    private final FakeDigitalOcean api = new FakeDigitalOcean();
    private DigitalOceanClient client;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(api);
        server.start();
        client = DigitalOceanClient.builder().baseUrl(server.url("/").toString()).token(TOKEN, "DO_TOKEN").build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anExistingSnapshotOfThatNameIsReturnedAsASkippedBakeOfTheNewestOne() {
        LinkedHashMap<String, Object> result = SkipIfExists.check(client, "web-v1.4.0").orElseThrow().toMap();

        assertThat(result).containsExactly(
                Map.entry("artifactId", "nyc3,sfo3:100000007"),
                Map.entry("id", "100000007"),
                Map.entry("name", "web-v1.4.0"),
                Map.entry("regions", List.of("nyc3", "sfo3")),
                Map.entry("builder", "digitalocean"),
                Map.entry("builds", List.of()),
                Map.entry("packerVersion", ""),
                Map.entry("durationSeconds", 0.0),
                Map.entry("skipped", true));
    }

    @Test
    void noSnapshotOfThatNameMeansTheBakeHasToRun() {
        Optional<BakeResult> result = SkipIfExists.check(client, "web-v2.0.0");

        assertThat(result).isEmpty();
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v2/snapshots", "/v2/snapshots");
    }

    @Test
    void aNameIsMatchedExactlyNotAsAPrefix() {
        assertThat(SkipIfExists.check(client, "web-v1")).isEmpty();
    }
}
