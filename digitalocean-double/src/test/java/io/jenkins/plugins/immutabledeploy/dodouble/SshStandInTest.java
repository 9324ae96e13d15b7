package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH stand-in, driven the way Packer drives it: the temporary key, scp uploads, commands that run nothing. */
class SshStandInTest extends DoubleTest {
    @TempDir
    Path local;

    private final SshClient client = SshClient.setUpDefaultClient();
    private KeyPair key;
    private long droplet;
    private JsonNode view;

    @BeforeEach
    void buildDroplet() throws Exception {
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
        long keyId = api.post("/v2/account/keys", "{\"name\":\"packer-tmp\",\"public_key\":\""
                + PublicKeyEntry.toString(key.getPublic()) + " packer\"}").body().path("ssh_key").path("id").asLong();
        droplet = activeDroplet("{\"name\":\"packer-app\",\"region\":\"ams3\",\"size\":\"s-1vcpu-1gb\","
                + "\"image\":\"ubuntu-24-04-x64\",\"ssh_keys\":[" + keyId + "]}");
        view = cloud.state().path("droplets").get(0);
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    private ClientSession login(String user, KeyPair with) throws Exception {
        ClientSession s = client.connect(user, view.path("public_ip").asText(), view.path("ssh_port").asInt())
                .verify(Duration.ofSeconds(10)).getSession();
        s.addPublicKeyIdentity(with);
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    @Test
    void uploadsArriveByteIdenticalAndCommandsAreRecordedWithoutRunning() throws Exception {
        byte[] unit = "[Unit]\nDescription=app\n\u00e9\u0000binary\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(local.resolve("app.service"), unit);
        Path marker = local.resolve("must-not-exist");

        try (ClientSession s = login("root", key)) {
            ScpClientCreator.instance().createScpClient(s).upload(file, "/tmp/app.service");
            String out = s.executeRemoteCommand("chmod +x /tmp/script.sh; PACKER_BUILD_NAME='app' RELEASE_TAG='v1.4.0' "
                    + "/tmp/script.sh; touch " + marker);
            assertThat(out).isEmpty();
        }

        JsonNode d = cloud.state().path("droplets").get(0);
        assertThat(Files.readAllBytes(Path.of(d.path("fs").asText(), "tmp/app.service"))).isEqualTo(unit);
        assertThat(d.path("uploads").get(0).path("path").asText()).isEqualTo("/tmp/app.service");
        assertThat(d.path("uploads").get(0).path("size").asLong()).isEqualTo(unit.length);
        assertThat(d.path("commands").get(0).asText()).contains("RELEASE_TAG='v1.4.0'");
        assertThat(d.path("release").asText()).isEqualTo("v1.4.0");
        assertThat(marker).doesNotExist();
    }

    @Test
    void theReleaseIsAlsoFoundInAnUploadedEnvironmentFile() throws Exception {
        Path env = Files.writeString(local.resolve("packer-ps-env-vars"), "export RELEASE_TAG='v2.1.0'\n");
        try (ClientSession s = login("root", key)) {
            ScpClientCreator.instance().createScpClient(s).upload(env, "/tmp/packer-ps-env-vars-1234");
        }

        assertThat(cloud.state().path("droplets").get(0).path("release").asText()).isEqualTo("v2.1.0");
    }

    @Test
    void onlyRootWithTheDropletsKeyGetsIn() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair stranger = g.generateKeyPair();

        assertThatThrownBy(() -> login("root", stranger).close()).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> login("ubuntu", key).close()).isInstanceOf(Exception.class);
    }

    @Test
    void aSnapshotCarriesTheUploadsAndTheReleaseToTheDropletsMadeFromIt() throws Exception {
        Path unit = Files.writeString(local.resolve("app.service"), "[Service]\n");
        try (ClientSession s = login("root", key)) {
            ScpClientCreator.instance().createScpClient(s).upload(unit, "/tmp/app.service");
            s.executeRemoteCommand("RELEASE_TAG='v3.0.0' /tmp/script.sh");
        }
        api.post("/v2/droplets/" + droplet + "/actions", "{\"type\":\"shutdown\"}");
        assertThat(api.get("/v2/droplets/" + droplet).body().path("droplet").path("status").asText()).isEqualTo("off");
        long action = api.post("/v2/droplets/" + droplet + "/actions", "{\"type\":\"snapshot\",\"name\":\"app-v3.0.0\"}")
                .body().path("action").path("id").asLong();
        settle("/v2/droplets/" + droplet + "/actions/" + action);
        long image = api.get("/v2/droplets/" + droplet + "/snapshots").body().path("snapshots").get(0).path("id").asLong();

        long app = activeDroplet("{\"name\":\"app\",\"region\":\"ams3\",\"size\":\"s-1vcpu-1gb\",\"image\":" + image + "}");

        JsonNode imageState = cloud.state().path("images").get(3);
        assertThat(imageState.path("release").asText()).isEqualTo("v3.0.0");
        assertThat(imageState.path("uploads").get(0).path("path").asText()).isEqualTo("/tmp/app.service");
        JsonNode appState = cloud.state().path("droplets").get(1);
        assertThat(appState.path("id").asLong()).isEqualTo(app);
        assertThat(Files.readString(Path.of(appState.path("fs").asText(), "tmp/app.service"))).isEqualTo("[Service]\n");
        assertThat(NetworkingTest.health(appState.path("public_ip").asText(), appState.path("app_port").asInt()).body())
                .contains("\"version\":\"v3.0.0\"");
    }
}
