package io.jenkins.plugins.immutabledeploy.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verify-or-roll-back with the real OpenTofu and a server whose health follows the deployed version ({@link AppFixture}). */
class RollbackTest {
    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BuildLog log = new BuildLog(lines::add, new SecretMasker());
    private AppFixture app;
    private FileRecordStore store;

    @BeforeEach
    void setUp() throws IOException {
        app = new AppFixture(tmp);
        store = new FileRecordStore(tmp.resolve("records"));
    }

    private DeploymentRecord deploy(String version) throws IOException {
        DeploymentRecord r = app.deploy(version, store, log);
        assertThat(app.deployedVersion()).isEqualTo(version);
        return r;
    }

    private Rollback rollback(Map<String, String> env) {
        return new Rollback(new TerraformRedeployer(AppFixture.deployer(store, log), env::get,
                b -> b.executable(TestTools.tofu().toString())), new HealthVerifier());
    }

    private RollbackRequest where() {
        return new RollbackRequest(store, app.dir().toString(), "default", null, null);
    }

    private VerifyRequest checks(HealthServer server) {
        return VerifyRequest.builder().check(HealthCheck.builder(server.url("/health"))
                .interval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(3))
                .jsonPointer("/status").jsonExpect("UP").build()).build();
    }

    @Test
    void anUnhealthyV2IsRolledBackToV1WhichVerifiesHealthyAndTheResultStillFails() throws Exception {
        try (HealthServer server = app.server()) {
            DeploymentRecord v1 = deploy("v1");
            assertThat(new HealthVerifier().verify(checks(server), log, Cancellation.none()).healthy()).isTrue();
            DeploymentRecord v2 = deploy("v2");

            VerifyResult r = rollback(Map.of(AppFixture.DB_PASSWORD_ENV, AppFixture.DB_PASSWORD)).verifyOrRollBack(checks(server),
                    where(), log, Cancellation.none());

            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints().get(0).lastError()).isEqualTo("status 503 is not in 200:299");
            RollbackOutcome rb = r.rollback();
            assertThat(rb.rolledBack()).isTrue();
            assertThat(rb.rolledBackTo().id()).isEqualTo(v1.id());
            assertThat(rb.rollbackHealthy()).isTrue();
            assertThat(rb.message()).isEqualTo("rolled back to record " + v1.id() + " (deployed " + v1.time()
                    + "); it verified healthy");
            assertThat(app.deployedVersion()).isEqualTo("v1");

            Map<String, Object> map = r.toMap();
            assertThat(map).containsEntry("healthy", false).containsEntry("rolledBack", true)
                    .containsEntry("rollbackHealthy", true);
            assertThat(map.get("rolledBackTo")).isEqualTo(v1.toMap());
            // The rollback is a deploy like any other: it left a record of its own, newest first.
            List<DeploymentRecord> records = store.list(app.dir().toString(), "default");
            assertThat(records).hasSize(3);
            assertThat(records.get(0).vars()).containsEntry("app_version", "v1");
            assertThat(records.get(1).id()).isEqualTo(v2.id());

            String everything = String.join("\n", lines) + Json.write(map) + r.summary() + everyFile(tmp);
            assertThat(everything).doesNotContain(AppFixture.DB_PASSWORD);
            assertThat(String.join("\n", lines)).contains("Verification failed; rolling back")
                    .contains("Rollback: rolling " + app.dir() + " (workspace default) back from record " + v2.id());
        }
    }

    @Test
    void aRollbackThatCannotReadTheRecordsSecretRedeploysNothingAndSaysWhichSecret() throws Exception {
        try (HealthServer server = app.server()) {
            DeploymentRecord v1 = deploy("v1");
            deploy("v2");

            RollbackOutcome rb = rollback(Map.of()).rollBack(
                    where(), checks(server), log, Cancellation.none());

            assertThat(rb.rolledBack()).isFalse();
            assertThat(rb.rolledBackTo().id()).isEqualTo(v1.id());
            assertThat(rb.rollbackHealthy()).isNull();
            assertThat(rb.message()).isEqualTo("redeploying record " + v1.id() + " failed: secretVars: the record "
                    + v1.id() + " needs the secret variable db_password (it came from TEST_DB_PASSWORD); supply its value");
            assertThat(app.deployedVersion()).isEqualTo("v2");
        }
    }

    private static String everyFile(Path root) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/.terraform/providers/"))
                    .forEach(f -> {
                        try {
                            sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return sb.toString();
    }
}
