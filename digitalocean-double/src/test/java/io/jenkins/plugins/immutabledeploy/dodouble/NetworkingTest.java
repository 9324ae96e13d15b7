package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Droplets made from snapshots serve their release; reserved IPs forward to the droplet they are assigned to. */
class NetworkingTest extends DoubleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private long dropletFrom(long image, String name) {
        return activeDroplet("{\"name\":\"" + name + "\",\"region\":\"ams3\",\"size\":\"s-1vcpu-1gb\",\"image\":" + image
                + ",\"tags\":[\"app\"]}");
    }

    private JsonNode dropletState(long id) {
        for (JsonNode d : cloud.state().path("droplets")) {
            if (d.path("id").asLong() == id) {
                return d;
            }
        }
        throw new AssertionError("no droplet " + id);
    }

    static HttpResponse<String> health(String address, int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDropletFromASnapshotServesItsReleaseAtItsOwnAddressAndABrokenReleaseFailsItsHealthCheck() throws Exception {
        long image = cloud.seedSnapshot("app-v1.0.0", "v1.0.0", Instant.now(), "ams3");
        JsonNode d = dropletState(dropletFrom(image, "app-1"));

        HttpResponse<String> healthy = health(d.path("public_ip").asText(), d.path("app_port").asInt());
        cloud.markBroken("v1.0.0", true);
        HttpResponse<String> broken = health(d.path("public_ip").asText(), d.path("app_port").asInt());

        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("{\"status\":\"UP\",\"version\":\"v1.0.0\"}");
        assertThat(broken.statusCode()).isEqualTo(503);
        assertThat(broken.body()).contains("\"status\":\"DOWN\"", "v1.0.0");
        assertThat(d.path("release").asText()).isEqualTo("v1.0.0");
    }

    @Test
    void aDropletFromADistributionImageServesNoApp() {
        JsonNode d = dropletState(dropletFrom(170000001L, "plain"));

        assertThat(d.path("app_port").asInt()).isZero();
        assertThat(d.path("ssh_port").asInt()).isPositive();
    }

    @Test
    void aReservedIpForwardsToTheDropletItIsAssignedToAndAssigningMovesIt() throws Exception {
        long one = dropletFrom(cloud.seedSnapshot("app-v1", "v1", Instant.now(), "ams3"), "app-v1");
        long two = dropletFrom(cloud.seedSnapshot("app-v2", "v2", Instant.now(), "ams3"), "app-v2");
        JsonNode ip = api.post("/v2/reserved_ips", "{\"region\":\"ams3\"}").body().path("reserved_ip");
        String address = ip.path("ip").asText();
        int port = cloud.state().path("reserved_ips").get(0).path("port").asInt();

        assertThat(address).startsWith("127.78.");
        assertThat(ip.path("droplet").isNull()).isTrue();
        assertThatThrownBy(() -> health(address, port)).isInstanceOf(IOException.class);

        JsonNode assign = api.post("/v2/reserved_ips/" + address + "/actions",
                "{\"type\":\"assign\",\"droplet_id\":" + one + "}").body().path("action");
        assertThat(assign.path("type").asText()).isEqualTo("assign_ip");
        assertThat(assign.path("resource_type").asText()).isEqualTo("reserved_ip");
        assertThat(settle("/v2/reserved_ips/" + address + "/actions/" + assign.path("id").asLong())).isEqualTo("completed");
        assertThat(health(address, port).body()).contains("\"version\":\"v1\"");

        long move = api.post("/v2/reserved_ips/" + address + "/actions", "{\"type\":\"assign\",\"droplet_id\":" + two + "}")
                .body().path("action").path("id").asLong();
        assertThat(health(address, port).body()).as("still on the old droplet until the action completes")
                .contains("\"version\":\"v1\"");
        settle("/v2/reserved_ips/" + address + "/actions/" + move);
        assertThat(health(address, port).body()).contains("\"version\":\"v2\"");
        assertThat(api.get("/v2/reserved_ips/" + address).body().path("reserved_ip").path("droplet").path("id").asLong())
                .isEqualTo(two);

        api.delete("/v2/droplets/" + two);
        assertThat(api.get("/v2/reserved_ips/" + address).body().path("reserved_ip").path("droplet").isNull()).isTrue();
        assertThatThrownBy(() -> health(address, port)).isInstanceOf(IOException.class);
    }

    @Test
    void unassigningLeavesTheAddressAnsweringNobody() throws Exception {
        long one = dropletFrom(cloud.seedSnapshot("app-v1", "v1", Instant.now(), "ams3"), "app-v1");
        String address = api.post("/v2/reserved_ips", "{\"droplet_id\":" + one + "}").body().path("reserved_ip")
                .path("ip").asText();
        api.get("/v2/reserved_ips/" + address);
        int port = cloud.state().path("reserved_ips").get(0).path("port").asInt();
        assertThat(health(address, port).statusCode()).isEqualTo(200);

        long unassign = api.post("/v2/reserved_ips/" + address + "/actions", "{\"type\":\"unassign\"}").body()
                .path("action").path("id").asLong();
        settle("/v2/reserved_ips/" + address + "/actions/" + unassign);

        assertThatThrownBy(() -> health(address, port)).isInstanceOf(IOException.class);
        assertThat(api.delete("/v2/reserved_ips/" + address).status()).isEqualTo(204);
        assertThat(api.get("/v2/reserved_ips/" + address).status()).isEqualTo(404);
    }

    @Test
    void domainRecordsAreKeptAndTheLoopbackOnesWrittenToAHostsFile() throws Exception {
        assertThat(api.post("/v2/domains/example.com/records", "{\"type\":\"A\",\"name\":\"app\",\"data\":\"127.78.0.2\"}")
                .status()).isEqualTo(404);
        assertThat(api.post("/v2/domains", "{\"name\":\"example.com\"}").status()).isEqualTo(201);

        JsonNode record = api.post("/v2/domains/example.com/records",
                "{\"type\":\"A\",\"name\":\"app\",\"data\":\"127.78.0.2\",\"ttl\":300}").body().path("domain_record");
        long id = record.path("id").asLong();

        assertThat(record.path("ttl").asInt()).isEqualTo(300);
        assertThat(api.get("/v2/domains/example.com/records/" + id).body().path("domain_record").path("data").asText())
                .isEqualTo("127.78.0.2");
        assertThat(api.get("/v2/domains/example.com/records?type=A&name=app.example.com").body()
                .path("domain_records")).hasSize(1);
        assertThat(Files.readString(state.resolve("hosts"))).contains("127.78.0.2 app.example.com");
        assertThat(api.put("/v2/domains/example.com/records/" + id, "{\"data\":\"127.78.0.3\"}").body()
                .path("domain_record").path("data").asText()).isEqualTo("127.78.0.3");
        assertThat(api.post("/v2/domains/example.com/records", "{\"type\":\"A\",\"name\":\"x\",\"data\":\"nope\"}")
                .status()).isEqualTo(422);
        assertThat(api.delete("/v2/domains/example.com/records/" + id).status()).isEqualTo(204);
        assertThat(Files.readString(state.resolve("hosts"))).doesNotContain("app.example.com");
    }
}
