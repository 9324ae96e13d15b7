package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import io.jenkins.plugins.immutabledeploy.engine.verify.AppFixture;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Verify-or-roll-back and rollback with the real OpenTofu and a server whose health follows the deployed version
 * ({@link AppFixture}), through the operations a front end calls.
 */
class VerifyOrRollBackTest {
    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<RunContext.Journal.Entry> journal = Collections.synchronizedList(new ArrayList<>());
    private AppFixture app;
    private FileRecordStore store;

    @BeforeEach
    void setUp() throws IOException {
        app = new AppFixture(tmp);
        store = new FileRecordStore(tmp.resolve("records"));
    }

    /** A run whose recorded secrets come from this environment, as the CLI reads them. */
    private RunContext run(Map<String, String> env) {
        return RunContext.builder(lines::add).records(store).secretSource((variable, source) -> env.get(source))
                .journal(journal::add).build();
    }

    private DeploymentRecord deploy(String version, RunContext context) throws IOException {
        DeploymentRecord r = app.deploy(version, store, context.log());
        assertThat(app.deployedVersion()).isEqualTo(version);
        return r;
    }

    private DeployRequest redeploy() {
        return DeployRequest.builder(app.dir().toString()).executable(TestTools.tofu().toString()).build();
    }

    private VerifyRequest checks(HealthServer server) {
        return VerifyRequest.builder().urls(List.of(server.url("/health")), c -> c.interval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(3)).jsonPointer("/status").jsonExpect("UP")).build();
    }

    @Test
    void anUnhealthyV2IsRolledBackToV1WhichVerifiesHealthyAndTheResultStillFails() throws Exception {
        RunContext context = run(Map.of(AppFixture.DB_PASSWORD_ENV, AppFixture.DB_PASSWORD));
        try (HealthServer server = app.server()) {
            DeploymentRecord v1 = deploy("v1", context);
            assertThat(VerifyOrRollBack.run(VerifyOrRollBack.Request.verify(checks(server)), context).healthy()).isTrue();
            DeploymentRecord v2 = deploy("v2", context);
            journal.clear();

            VerifyOrRollBack.Result r = VerifyOrRollBack.run(new VerifyOrRollBack.Request(checks(server), true,
                    redeploy()), context);

            assertThat(r.healthy()).isFalse();
            assertThat(r.verification().endpoints().get(0).lastError()).isEqualTo("status 503 is not in 200:299");
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
            // The journal has the redeploy, then the verification with what the rollback did.
            assertThat(journal).extracting(RunContext.Journal.Entry::kind)
                    .containsExactly(RunContext.Journal.ROLLBACK, RunContext.Journal.VERIFY);
            assertThat(journal.get(0).page()).containsEntry("dir", app.dir().toString()).containsEntry("result", "success")
                    .containsEntry("changed", true);
            assertThat(journal.get(1).page()).isEqualTo(map);

            String everything = String.join("\n", lines) + Json.write(map) + r.summary() + journal + everyFile(tmp);
            assertThat(everything).doesNotContain(AppFixture.DB_PASSWORD);
            assertThat(String.join("\n", lines)).contains("Verification failed; rolling back")
                    .contains("Rollback: rolling " + app.dir() + " (workspace default) back from record " + v2.id());
        }
    }

    @Test
    void afterAnAutomaticRollbackAPlainRollbackNeverRedeploysTheReleaseThatFailedItsChecks() throws Exception {
        RunContext context = run(Map.of(AppFixture.DB_PASSWORD_ENV, AppFixture.DB_PASSWORD));
        try (HealthServer server = app.server()) {
            DeploymentRecord v1 = deploy("v1", context);
            // A verification that names the configuration marks its newest record.
            assertThat(VerifyOrRollBack.run(new VerifyOrRollBack.Request(checks(server), false, redeploy()), context)
                    .healthy()).isTrue();
            DeploymentRecord v2 = deploy("v2", context);
            assertThat(VerifyOrRollBack.run(new VerifyOrRollBack.Request(checks(server), true, redeploy()), context)
                    .rollback().rolledBack()).isTrue();

            RollbackOutcome again = RollBack.run(new RollBack.Request(redeploy(), null, null), context);

            assertThat(again.rolledBack()).isFalse();
            assertThat(again.message()).contains("that did not fail its checks; nothing to roll back to");
            assertThat(app.deployedVersion()).isEqualTo("v1");
            List<DeploymentRecord> records = store.list(app.dir().toString(), "default");
            assertThat(records).filteredOn(r -> r.id().equals(v1.id())).singleElement()
                    .extracting(DeploymentRecord::verified).isEqualTo(true);
            assertThat(records).filteredOn(r -> r.id().equals(v2.id())).singleElement()
                    .extracting(DeploymentRecord::verified).isEqualTo(false);
            assertThat(records.get(0).phase()).isEqualTo(DeploymentRecord.ROLLBACK);
            assertThat(records.get(0).verified()).isTrue();
        }
    }

    @Test
    void aRollbackThatCannotReadTheRecordsSecretRedeploysNothingAndSaysWhichSecret() throws Exception {
        try (HealthServer server = app.server()) {
            RunContext deploying = run(Map.of());
            DeploymentRecord v1 = deploy("v1", deploying);
            deploy("v2", deploying);

            RollbackOutcome rb = RollBack.run(new RollBack.Request(redeploy(), null, checks(server)), run(Map.of()));

            assertThat(rb.rolledBack()).isFalse();
            assertThat(rb.rolledBackTo().id()).isEqualTo(v1.id());
            assertThat(rb.rollbackHealthy()).isNull();
            assertThat(rb.message()).isEqualTo("redeploying record " + v1.id() + " failed: secretVars: the record "
                    + v1.id() + " needs the secret variable db_password (it came from TEST_DB_PASSWORD); supply its value");
            assertThat(app.deployedVersion()).isEqualTo("v2");
        }
    }

    @Test
    void aRollbackWhoseChecksHaveNoCaFileFailsBeforeItRedeploys() throws Exception {
        try (HealthServer server = app.server()) {
            RunContext context = run(Map.of(AppFixture.DB_PASSWORD_ENV, AppFixture.DB_PASSWORD));
            deploy("v1", context);
            deploy("v2", context);
            Path missing = tmp.resolve("missing-ca.pem");
            VerifyRequest checks = VerifyRequest.builder().caFile(missing).urls(List.of(server.url("/health")), c -> c)
                    .build();

            assertThatThrownBy(() -> RollBack.run(new RollBack.Request(redeploy(), null, checks), context))
                    .hasMessage("caFile: " + missing + " is not a file; give a PEM file of CA certificates");
            assertThatThrownBy(() -> VerifyOrRollBack.run(new VerifyOrRollBack.Request(checks, true, redeploy()), context))
                    .hasMessage("caFile: " + missing + " is not a file; give a PEM file of CA certificates");
            assertThat(app.deployedVersion()).isEqualTo("v2");
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void aRollbackTakesTheVariablesOfItsRecordAndRefusesOthersNamingThemAsTheCallerDoes() {
        DeployRequest withVars = DeployRequest.builder("terraform").var("image", "x").names(Vocabulary.OPTIONS
                .with(Map.of("vars", "--var", "varFiles", "--var-file"))).build();

        assertThatThrownBy(() -> new RollBack.Request(withVars, null, null))
                .hasMessage("--var: a rollback deploys the variables its record holds; remove --var and --var-file"
                        + " (use --to to choose the record)");
        assertThatThrownBy(() -> new VerifyOrRollBack.Request(VerifyRequest.builder().urls(List.of("http://a/"), c -> c)
                .build(), true, null))
                .hasMessageStartingWith("rollback: needs dir, the Terraform/OpenTofu configuration folder");
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
