package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The rollback tests' application: the OpenTofu configuration {@code /verify/app/main.tf}, whose
 * {@code local-exec} writes the deployed version into a file, and a real HTTP server whose health
 * follows that file (v1 answers UP, any other version 503).
 */
public final class AppFixture {
    /** The secret variable's value; its recorded source is {@link #DB_PASSWORD_ENV}. */
    public static final String DB_PASSWORD = "rb-Db-Pass-7a6b5c4d";
    /** The environment variable the secret is recorded as coming from. */
    public static final String DB_PASSWORD_ENV = "TEST_DB_PASSWORD";

    private final Path dir;
    private final Path versionFile;

    /**
     * Copies the configuration to {@code <root>/app}.
     *
     * @param root a temporary folder
     */
    public AppFixture(Path root) throws IOException {
        dir = Files.createDirectories(root.resolve("app"));
        try (InputStream in = AppFixture.class.getResourceAsStream("/verify/app/main.tf")) {
            Files.copy(in, dir.resolve("main.tf"));
        }
        versionFile = root.resolve("deployed-version.txt");
    }

    /** @return the configuration folder */
    public Path dir() {
        return dir;
    }

    /** @return the version deployed now, or null before the first deploy */
    public String deployedVersion() throws IOException {
        try {
            return Files.readString(versionFile).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** @return a server whose health follows the deployed version */
    public HealthServer server() throws IOException {
        return HealthServer.http((n, p) -> {
            String v = deployedVersion();
            return "v1".equals(v) ? Answer.ok("{\"status\":\"UP\",\"version\":\"v1\"}")
                    : Answer.of(503, "{\"status\":\"DOWN\",\"version\":\"" + v + "\"}");
        });
    }

    /**
     * Deploys a version with the real OpenTofu and the deploy engine.
     *
     * @param version e.g. {@code v1}
     * @param store where the record goes
     * @param log the log (it learns the secret)
     * @return the deployment's record
     */
    public DeploymentRecord deploy(String version, RecordStore store, BuildLog log) {
        log.secrets().add(DB_PASSWORD);
        DeployRequest request = DeployRequest.builder(dir.toString())
                .var("app_version", version)
                .var("version_file", versionFile.toString())
                .secretVar("db_password", DB_PASSWORD, DB_PASSWORD_ENV)
                .executable(TestTools.tofu().toString())
                .build();
        return deployer(store, log).deploy(request, Cancellation.none()).deploymentRecord();
    }

    /**
     * @param store where records go
     * @param log the log
     * @return a deploy engine on this machine
     */
    public static TerraformDeployer deployer(RecordStore store, BuildLog log) {
        return new TerraformDeployer(new ProcessRunner(new LocalProcessLauncher(), log), store);
    }
}
