package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Droplets, their actions and snapshots: what Packer's plugin and OpenTofu's provider do with them. */
class DropletsTest extends DoubleTest {
    static final String UBUNTU = "{\"name\":\"packer-app\",\"region\":\"ams3\",\"size\":\"s-1vcpu-1gb\","
            + "\"image\":\"ubuntu-24-04-x64\",\"ssh_keys\":[],\"tags\":[\"packer\"],\"user_data\":\"#cloud-config\\n\"}";

    @Test
    void aNewDropletHasNoAddressUntilItIsActiveAndThenAPublicLoopbackAddress() {
        JsonNode created = api.post("/v2/droplets", UBUNTU).body();
        long id = created.path("droplet").path("id").asLong();

        assertThat(created.path("droplet").path("status").asText()).isEqualTo("new");
        assertThat(created.path("droplet").path("networks").path("v4")).isEmpty();
        assertThat(created.path("links").path("actions").get(0).path("rel").asText()).isEqualTo("create");
        JsonNode active = api.get("/v2/droplets/" + id).body().path("droplet");
        assertThat(active.path("status").asText()).isEqualTo("active");
        assertThat(active.path("locked").asBoolean()).isFalse();
        assertThat(active.path("region").path("slug").asText()).isEqualTo("ams3");
        assertThat(active.path("size").path("slug").asText()).isEqualTo("s-1vcpu-1gb");
        assertThat(active.path("image").path("slug").asText()).isEqualTo("ubuntu-24-04-x64");
        JsonNode publicNet = null;
        for (JsonNode n : active.path("networks").path("v4")) {
            if ("public".equals(n.path("type").asText())) {
                publicNet = n;
            }
        }
        assertThat(publicNet).isNotNull();
        assertThat(publicNet.path("ip_address").asText()).startsWith("127.77.");
        assertThat(active.path("vpc_uuid").asText()).isNotEmpty();
    }

    @Test
    void aSlowDropletStaysNewForTheReadsItWasGiven() {
        cloud.stayInProgress("droplet", 2);
        long id = api.post("/v2/droplets", UBUNTU).body().path("droplet").path("id").asLong();

        assertThat(api.get("/v2/droplets/" + id).body().path("droplet").path("status").asText()).isEqualTo("new");
        assertThat(api.get("/v2/droplets/" + id).body().path("droplet").path("status").asText()).isEqualTo("new");
        assertThat(api.get("/v2/droplets/" + id).body().path("droplet").path("status").asText()).isEqualTo("active");
    }

    @Test
    void userDataIsKeptButNotShownByTheApi() {
        long id = activeDroplet(UBUNTU);

        assertThat(api.get("/v2/droplets/" + id).body().toString()).doesNotContain("cloud-config");
        assertThat(cloud.state().path("droplets").get(0).path("user_data").asText()).isEqualTo("#cloud-config\n");
    }

    @Test
    void aDropletIsLockedWhileAnActionRunsAndASecondActionIsRefused() {
        long id = activeDroplet(UBUNTU);
        cloud.stayInProgress("action:shutdown", 1);

        JsonNode shutdown = api.post("/v2/droplets/" + id + "/actions", "{\"type\":\"shutdown\"}").body().path("action");
        Http.Answer second = api.post("/v2/droplets/" + id + "/actions", "{\"type\":\"power_off\"}");
        JsonNode whileRunning = api.get("/v2/droplets/" + id).body().path("droplet");
        JsonNode after = api.get("/v2/droplets/" + id).body().path("droplet");

        assertThat(shutdown.path("status").asText()).isEqualTo("in-progress");
        assertThat(shutdown.path("resource_type").asText()).isEqualTo("droplet");
        assertThat(shutdown.path("resource_id").asLong()).isEqualTo(id);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body().path("id").asText()).isEqualTo("unprocessable_entity");
        assertThat(whileRunning.path("locked").asBoolean()).isTrue();
        assertThat(whileRunning.path("status").asText()).isEqualTo("active");
        assertThat(after.path("locked").asBoolean()).isFalse();
        assertThat(after.path("status").asText()).isEqualTo("off");
        JsonNode actions = api.get("/v2/droplets/" + id + "/actions?per_page=50").body().path("actions");
        assertThat(actions.get(0).path("type").asText()).isEqualTo("shutdown");
        assertThat(actions.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(actions.get(0).path("completed_at").asText()).isNotEmpty();
    }

    @Test
    void aSnapshotActionMakesOneImageThatTheApiListsWithNumberAndStringIds() {
        long id = activeDroplet(UBUNTU);
        long off = api.post("/v2/droplets/" + id + "/actions", "{\"type\":\"power_off\"}").body().path("action").path("id")
                .asLong();
        assertThat(settle("/v2/actions/" + off)).isEqualTo("completed");
        long action = api.post("/v2/droplets/" + id + "/actions", "{\"type\":\"snapshot\",\"name\":\"app-v1.0.0\"}")
                .body().path("action").path("id").asLong();

        assertThat(settle("/v2/droplets/" + id + "/actions/" + action)).isEqualTo("completed");
        JsonNode snapshots = api.get("/v2/droplets/" + id + "/snapshots").body().path("snapshots");
        assertThat(snapshots).hasSize(1);
        long imageId = snapshots.get(0).path("id").asLong();
        assertThat(snapshots.get(0).path("id").isNumber()).isTrue();
        assertThat(api.get("/v2/images/" + imageId).body().path("image").path("name").asText()).isEqualTo("app-v1.0.0");
        JsonNode listed = api.get("/v2/snapshots?resource_type=droplet").body().path("snapshots").get(0);
        assertThat(listed.path("id").isTextual()).isTrue();
        assertThat(listed.path("id").asText()).isEqualTo(Long.toString(imageId));
        assertThat(listed.path("resource_id").asText()).isEqualTo(Long.toString(id));
        assertThat(api.get("/v2/images?private=true").body().path("images")).hasSize(1);
        assertThat(api.get("/v2/droplets/" + id).body().path("droplet").path("snapshot_ids").get(0).asLong())
                .isEqualTo(imageId);
    }

    @Test
    void aFailedActionEndsErroredAndDoesNothing() {
        long id = activeDroplet(UBUNTU);
        cloud.failNextAction("snapshot");

        long action = api.post("/v2/droplets/" + id + "/actions", "{\"type\":\"snapshot\",\"name\":\"x\"}").body()
                .path("action").path("id").asLong();

        assertThat(settle("/v2/actions/" + action)).isEqualTo("errored");
        assertThat(api.get("/v2/droplets/" + id + "/snapshots").body().path("snapshots")).isEmpty();
    }

    @Test
    void aDeletedDropletIsGoneAtOnce() {
        long id = activeDroplet(UBUNTU);

        assertThat(api.delete("/v2/droplets/" + id).status()).isEqualTo(204);

        assertThat(api.get("/v2/droplets/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/v2/droplets/" + id).status()).isEqualTo(404);
        assertThat(cloud.state().path("droplets").get(0).path("status").asText()).isEqualTo("deleted");
    }

    @Test
    void aDropletThatCannotBeMadeIsRefusedWithTheReason() {
        Http.Answer badImage = api.post("/v2/droplets", UBUNTU.replace("ubuntu-24-04-x64", "no-such-image"));
        Http.Answer badRegion = api.post("/v2/droplets", UBUNTU.replace("ams3", "mars1"));
        Http.Answer badKey = api.post("/v2/droplets", UBUNTU.replace("\"ssh_keys\":[]", "\"ssh_keys\":[12]"));

        assertThat(badImage.status()).isEqualTo(422);
        assertThat(badImage.body().path("message").asText()).contains("invalid image");
        assertThat(badRegion.body().path("message").asText()).contains("invalid region");
        assertThat(badKey.body().path("message").asText()).contains("invalid ssh key");
    }

    @Test
    void sshKeysAreStoredWithDigitalOceansFingerprintAndDeletedById() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGH1DU3uyHOZ4dj5tQUZMmD7fXqMTzRr4YWs/1Xf3Y0v packer";
        JsonNode created = api.post("/v2/account/keys", "{\"name\":\"packer-1\",\"public_key\":\"" + key + "\"}").body();
        long id = created.path("ssh_key").path("id").asLong();

        assertThat(created.path("ssh_key").path("fingerprint").asText()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
        assertThat(api.post("/v2/account/keys", "{\"name\":\"again\",\"public_key\":\"" + key + "\"}").status())
                .isEqualTo(422);
        assertThat(api.post("/v2/account/keys", "{\"name\":\"bad\",\"public_key\":\"not a key\"}").status())
                .isEqualTo(422);
        assertThat(api.delete("/v2/account/keys/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/account/keys/" + id).status()).isEqualTo(404);
    }
}
