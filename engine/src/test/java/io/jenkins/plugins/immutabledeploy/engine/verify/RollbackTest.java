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

/**
 * Verify-or-roll-back with the real OpenTofu: each deploy's {@code local-exec} writes the deployed
 * version into a file, and a real HTTP server answers according to it (v1 UP, v2 503).
 */
class RollbackTest {
    static final String DB_PASSWORD = "rb-Db-Pass-7a6b5c4d";

    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BuildLog log = new BuildLog(lines::add, new SecretMasker());
    private Path app;
    private Path versionFile;
    private FileRecordStore store;
    private TerraformDeployer deployer;

    @BeforeEach
    void setUp() throws IOException {
        app = Files.createDirectories(tmp.resolve("app"));
        try (InputStream in = getClass().getResourceAsStream("/verify/app/main.tf")) {
            Files.copy(in, app.resolve("main.tf"));
        }
        versionFile = tmp.resolve("deployed-version.txt");
        store = new FileRecordStore(tmp.resolve("records"));
        deployer = new TerraformDeployer(new ProcessRunner(new LocalProcessLauncher(), log), store);
    }

    /** A server whose health follows the deployed version. */
    static HealthServer appServer(Path versionFile) throws IOException {
        return HealthServer.http((n, p) -> {
            String v;
            try {
                v = Files.readString(versionFile).trim();
            } catch (NoSuchFileException e) {
                return Answer.of(503, "{\"status\":\"DOWN\"}");
            }
            return v.equals("v1") ? Answer.ok("{\"status\":\"UP\",\"version\":\"v1\"}")
                    : Answer.of(503, "{\"status\":\"DOWN\",\"version\":\"" + v + "\"}");
        });
    }

    private DeploymentRecord deploy(String version) throws IOException {
        log.secrets().add(DB_PASSWORD);
        DeployRequest request = DeployRequest.builder(app.toString())
                .var("app_version", version)
                .var("version_file", versionFile.toString())
                .secretVar("db_password", DB_PASSWORD, "TEST_DB_PASSWORD")
                .executable(TestTools.tofu().toString())
                .build();
        DeploymentRecord r = deployer.deploy(request, Cancellation.none()).deploymentRecord();
        assertThat(Files.readString(versionFile)).isEqualTo(version);
        return r;
    }

    private Rollback rollback(Map<String, String> env) {
        return new Rollback(new TerraformRedeployer(deployer, env::get, b -> b.executable(TestTools.tofu().toString())),
                new HealthVerifier());
    }

    private VerifyRequest checks(HealthServer server) {
        return VerifyRequest.builder().check(HealthCheck.builder(server.url("/health"))
                .interval(Duration.ofMillis(100)).timeout(Duration.ofSeconds(3))
                .jsonPointer("/status").jsonExpect("UP").build()).build();
    }

    @Test
    void anUnhealthyV2IsRolledBackToV1WhichVerifiesHealthyAndTheResultStillFails() throws Exception {
        try (HealthServer server = appServer(versionFile)) {
            DeploymentRecord v1 = deploy("v1");
            assertThat(new HealthVerifier().verify(checks(server), log, Cancellation.none()).healthy()).isTrue();
            DeploymentRecord v2 = deploy("v2");

            VerifyResult r = rollback(Map.of("TEST_DB_PASSWORD", DB_PASSWORD)).verifyOrRollBack(checks(server),
                    new RollbackRequest(store, app.toString(), "default", null, null), log, Cancellation.none());

            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints().get(0).lastError()).isEqualTo("status 503 is not in 200:299");
            RollbackOutcome rb = r.rollback();
            assertThat(rb.rolledBack()).isTrue();
            assertThat(rb.rolledBackTo().id()).isEqualTo(v1.id());
            assertThat(rb.rollbackHealthy()).isTrue();
            assertThat(rb.message()).isEqualTo("rolled back to record " + v1.id() + " (deployed " + v1.time()
                    + "); it verified healthy");
            assertThat(Files.readString(versionFile)).isEqualTo("v1");

            Map<String, Object> map = r.toMap();
            assertThat(map).containsEntry("healthy", false).containsEntry("rolledBack", true)
                    .containsEntry("rollbackHealthy", true);
            assertThat(map.get("rolledBackTo")).isEqualTo(v1.toMap());
            // The rollback is a deploy like any other: it left a record of its own, newest first.
            List<DeploymentRecord> records = store.list(app.toString(), "default");
            assertThat(records).hasSize(3);
            assertThat(records.get(0).vars()).containsEntry("app_version", "v1");
            assertThat(records.get(1).id()).isEqualTo(v2.id());

            String everything = String.join("\n", lines) + Json.write(map) + r.summary() + everyFile(tmp);
            assertThat(everything).doesNotContain(DB_PASSWORD);
            assertThat(String.join("\n", lines)).contains("Verification failed; rolling back")
                    .contains("Rollback: rolling " + app + " (workspace default) back from record " + v2.id());
        }
    }

    @Test
    void aRollbackThatCannotReadTheRecordsSecretRedeploysNothingAndSaysWhichSecret() throws Exception {
        try (HealthServer server = appServer(versionFile)) {
            DeploymentRecord v1 = deploy("v1");
            deploy("v2");

            RollbackOutcome rb = rollback(Map.of()).rollBack(
                    new RollbackRequest(store, app.toString(), "default", null, null), checks(server), log,
                    Cancellation.none());

            assertThat(rb.rolledBack()).isFalse();
            assertThat(rb.rolledBackTo().id()).isEqualTo(v1.id());
            assertThat(rb.rollbackHealthy()).isNull();
            assertThat(rb.message()).isEqualTo("redeploying record " + v1.id() + " failed: secretVars: the record "
                    + v1.id() + " needs the secret variable db_password (it came from TEST_DB_PASSWORD); supply its value");
            assertThat(Files.readString(versionFile)).isEqualTo("v2");
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
