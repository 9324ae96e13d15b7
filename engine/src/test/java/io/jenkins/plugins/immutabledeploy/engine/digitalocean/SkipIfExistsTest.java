package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

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
    void anExistingSnapshotOfThatNameIsTheNewestOne() {
        Snapshot s = SkipIfExists.existing(client, "web-v1.4.0").orElseThrow();

        assertThat(s.id()).isEqualTo("100000007");
        assertThat(s.artifactId()).isEqualTo("nyc3,sfo3:100000007");
        assertThat(s.name()).isEqualTo("web-v1.4.0");
    }

    @Test
    void noSnapshotOfThatNameMeansTheBakeHasToRun() {
        Optional<Snapshot> result = SkipIfExists.existing(client, "web-v2.0.0");

        assertThat(result).isEmpty();
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v2/snapshots", "/v2/snapshots");
    }

    @Test
    void aNameIsMatchedExactlyNotAsAPrefix() {
        assertThat(SkipIfExists.existing(client, "web-v1")).isEmpty();
    }
}
