package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This project's own DigitalOcean client against the double: account, snapshots with string ids, images, pages. */
class ProjectClientTest extends DoubleTest {
    private final List<Duration> waits = new ArrayList<>();

    private DigitalOceanClient client(String token) {
        return DigitalOceanClient.builder().baseUrl(cloud.apiUrl()).token(token, "TEST_TOKEN").sleeper(waits::add).build();
    }

    @Test
    void checksTheTokenAndNamesWhereARejectedOneCameFrom() {
        assertThat(client(TOKEN).checkToken()).isEqualTo("active");
        assertThatThrownBy(() -> client("dop_v1_wrong").checkToken()).isInstanceOf(DigitalOceanException.class)
                .hasMessageContaining("TEST_TOKEN").hasMessageContaining("Unable to authenticate you");
    }

    @Test
    void listsEverySnapshotAcrossPagesAndFindsTheNewestOfAName() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 205; i++) {
            cloud.seedSnapshot("app-v" + i, "v" + i, start.plusSeconds(i * 60L), "ams3");
        }
        long newest = cloud.seedSnapshot("app-v7", "v7", start.plusSeconds(99_999), "ams3");

        List<Snapshot> all = client(TOKEN).listSnapshots();

        assertThat(all).hasSize(206);
        assertThat(cloud.requests().entries()).filteredOn(e -> e.path().equals("/v2/snapshots")).hasSize(2);
        assertThat(client(TOKEN).resolveByName("app-v7").orElseThrow().id()).isEqualTo(Long.toString(newest));
        assertThat(client(TOKEN).listPrivateImages()).hasSize(206);
    }

    @Test
    void getsAndDeletesImagesByTheIdsSnapshotsListAsStrings() {
        long id = cloud.seedSnapshot("app-v1", "v1", Instant.now(), "ams3");
        DigitalOceanClient c = client(TOKEN);

        Snapshot listed = c.listSnapshots().get(0);
        assertThat(listed.id()).isEqualTo(Long.toString(id));
        assertThat(c.getImage(listed.id()).orElseThrow().name()).isEqualTo("app-v1");
        assertThat(listed.artifactId()).isEqualTo("ams3:" + id);
        c.deleteSnapshot(listed.id());
        assertThat(c.getImage(listed.id())).isEmpty();
        assertThat(c.listSnapshots()).isEmpty();
    }

    @Test
    void waitsOutAnInjectedRateLimitAndRetriesAnInjectedServerError() {
        cloud.refuseNext("GET", "/v2/account", 429);
        cloud.refuseNext("GET", "/v2/snapshots", 503);
        DigitalOceanClient c = client(TOKEN);

        assertThat(c.checkToken()).isEqualTo("active");
        assertThat(c.listSnapshots()).isEmpty();

        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(cloud.requests().entries()).extracting(RequestLog.Entry::status).containsExactly(429, 200, 503, 200);
    }
}
