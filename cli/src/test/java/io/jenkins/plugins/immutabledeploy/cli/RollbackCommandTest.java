package io.jenkins.plugins.immutabledeploy.cli;

import static io.jenkins.plugins.immutabledeploy.cli.VerifyCommandTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.cli.VerifyCommandTest.Run;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.verify.AppFixture;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --rollback} and {@code rollback} as their own JVM, with the real OpenTofu and a
 * real HTTP server whose health follows the deployed version ({@link AppFixture}: v1 UP, v2 503).
 */
class RollbackCommandTest {
    @TempDir
    Path dir;

    private AppFixture app;
    private final BuildLog log = new BuildLog(line -> { }, new SecretMasker());

    @BeforeEach
    void configuration() throws IOException {
        app = new AppFixture(dir);
    }

    /** Deploys with the deploy engine, recording where the CLI looks by default (its working folder is {@code dir}). */
    private void deploy(String version) throws IOException {
        app.deploy(version, new FileRecordStore(dir.resolve(FileRecordStore.DEFAULT_ROOT)), log);
        assertThat(app.deployedVersion()).isEqualTo(version);
    }

    /** The checks; {@code verify} names its overall timeout {@code --timeout}, {@code rollback} {@code --verify-timeout}. */
    private static String[] checks(HealthServer server, String timeoutOption, String... more) {
        return concat(new String[] {"--url", server.url("/health"), "--interval", "100ms", timeoutOption, "3s",
            "--json-pointer", "/status", "--json-expect", "UP"}, more);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedVerificationRedeploysTheLastHealthyVersionVerifiesItAndStillExitsThree() throws Exception {
        try (HealthServer server = app.server()) {
            deploy("v1");
            Run v1 = cli(dir, concat(new String[] {"verify"}, checks(server, "--timeout")));
            assertThat(v1.exit()).as(v1.err()).isZero();
            deploy("v2");

            Run r = cli(dir, concat(new String[] {"verify"}, checks(server, "--timeout", "--rollback", "--dir", app.dir().toString(), "--json")));

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.VERIFY_FAILED);
            Map<String, Object> json = r.json();
            assertThat(json).containsEntry("healthy", false).containsEntry("rolledBack", true)
                    .containsEntry("rollbackHealthy", true);
            Map<String, Object> to = (Map<String, Object>) json.get("rolledBackTo");
            assertThat((Map<String, Object>) to.get("vars")).containsEntry("app_version", "v1");
            assertThat(app.deployedVersion()).isEqualTo("v1");
            assertThat(r.err()).contains("status 503 is not in 200:299")
                    .contains("Rollback: rolled back to record " + to.get("id"))
                    .contains("it verified healthy");
            assertThat(r.out() + r.err()).doesNotContain(AppFixture.DB_PASSWORD);
        }
    }

    @Test
    void aManualRollbackReturnsToThePreviousVersionAndVerifiesIt() throws Exception {
        try (HealthServer server = app.server()) {
            deploy("v1");
            deploy("v2");

            Run r = cli(dir, concat(new String[] {"rollback", "--dir", app.dir().toString()},
                    checks(server, "--verify-timeout")));

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(app.deployedVersion()).isEqualTo("v1");
            assertThat(r.out()).contains("Rollback: rolled back to record").contains("it verified healthy");
        }
    }

    @Test
    void withoutAnEarlierDeploymentRollbackSaysSoAndChangesNothing() throws Exception {
        deploy("v1");

        Run r = cli(dir, "rollback", "--dir", app.dir().toString(), "--json");

        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.json()).containsEntry("rolledBack", false).containsEntry("rolledBackTo", null);
        assertThat((String) r.json().get("rollbackMessage")).startsWith("no earlier successful deployment of ");
        assertThat(app.deployedVersion()).isEqualTo("v1");

        Run withVars = cli(dir, "rollback", "--dir", app.dir().toString(), "--var", "app_version=v0");
        assertThat(withVars.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(withVars.err()).contains("--var: a rollback deploys the variables its record holds");
    }
}
