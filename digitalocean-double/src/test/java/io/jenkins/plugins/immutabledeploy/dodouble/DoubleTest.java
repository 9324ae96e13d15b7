package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a local DigitalOcean on plain loopback with free ports for each test, and stops it after. */
abstract class DoubleTest {
    static final String TOKEN = "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";

    @TempDir
    Path state;

    LocalDigitalOcean cloud;
    Http api;

    @BeforeEach
    void startDouble() throws Exception {
        cloud = configure(LocalDigitalOcean.builder(state).token(TOKEN)).start();
        api = new Http(cloud.apiUrl(), TOKEN);
    }

    /** @param b the defaults for tests @return the builder to start */
    LocalDigitalOcean.Builder configure(LocalDigitalOcean.Builder b) {
        return b;
    }

    @AfterEach
    void stopDouble() {
        cloud.close();
    }

    /** Creates a droplet and reads it until it is active. */
    long activeDroplet(String json) {
        Http.Answer created = api.post("/v2/droplets", json);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
        long id = created.body().path("droplet").path("id").asLong();
        for (int i = 0; i < 10; i++) {
            if ("active".equals(api.get("/v2/droplets/" + id).body().path("droplet").path("status").asText())) {
                return id;
            }
        }
        throw new AssertionError("droplet " + id + " never became active");
    }

    /** Reads an action until it is no longer in progress. */
    String settle(String actionPath) {
        for (int i = 0; i < 20; i++) {
            String status = api.get(actionPath).body().path("action").path("status").asText();
            if (!"in-progress".equals(status)) {
                return status;
            }
        }
        throw new AssertionError(actionPath + " stayed in progress");
    }
}
