package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseFixture;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code immutable-deploy blue-green} as a separate Java process against the real OpenTofu and the engine's
 * release configuration, whose servers and stable address answer a real HTTP server on loopback.
 */
class BlueGreenCommandTest {
    @TempDir
    Path tmp;

    ReleaseFixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new ReleaseFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGoodReleaseExits0AndABrokenOneExits3WithTheLiveReleaseUntouchedEachAsOneJsonObject() throws Exception {
        Run first = blueGreen("app-1", "--json");
        assertThat(first.exit).as(first.stderr).isZero();
        Map<String, Object> promoted = DeployCommandTest.object(first.stdout);
        assertThat(promoted).containsEntry("outcome", "promoted").containsEntry("live", "app-1")
                .containsEntry("candidate", "app-1").containsEntry("healthy", true)
                .containsKeys("phases", "candidateChecks", "stableChecks", "restoreSeconds");
        List<Map<String, Object>> phases = (List<Map<String, Object>>) promoted.get("phases");
        assertThat(phases).extracting(p -> p.get("name")).containsExactly("candidate", "promote");
        assertThat(phases.get(0)).containsOnlyKeys("name", "summary", "changes", "seconds", "record");
        String candidateRecord = (String) phases.get(0).get("record");
        assertThat(f.records.list(f.dir.toString(), "default")).extracting(r -> r.id()).contains(candidateRecord);

        Run broken = blueGreen("app-2-bad", "--json");

        assertThat(broken.exit).as(broken.stderr).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(broken.stdout.strip().lines()).hasSize(1);
        assertThat(DeployCommandTest.object(broken.stdout)).containsEntry("outcome", "discarded").containsEntry("live", "app-1")
                .containsEntry("healthy", false);
        assertThat(f.address()).isEqualTo("app-1");
        assertThat(broken.stderr).contains("Release: phase candidate", "discarding it", "app-1 stays live");
    }

    @Test
    void aConfigurationThatBreaksTheContractExits1NamingTheOutputAndItsOptionBeforeAnythingIsApplied() throws Exception {
        f.edit(ReleaseFixture::withoutCandidateUrl);

        Run refused = blueGreen("app-1", "--json");

        assertThat(refused.exit).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.stderr).contains("ERROR: The configuration in " + f.dir
                + " does not follow the release's contract, so nothing was applied", "--candidate-url-output");
        assertThat(DeployCommandTest.object(refused.stdout)).containsKeys("error", "phases");
        assertThat(f.dir.resolve("terraform.tfstate")).doesNotExist();
    }

    private Run blueGreen(String image, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "blue-green",
                "--dir", f.dir.toString(), "--image", image, "--record-dir", f.root.resolve("records").toString(),
                "--var", "base_url=" + f.server.url(""), "--var", "state_dir=" + f.state,
                "--health-path", "/health", "--json-pointer", "/status", "--json-expect", "UP",
                "--interval", "100ms", "--success-threshold", "2", "--failure-threshold", "2", "--timeout", "20s"));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("IMMUTABLE_DEPLOY_TOOLS", TestTools.toolsDir().toString());
        pb.environment().put("TF_CLI_CONFIG_FILE", f.cliConfig().toString());
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> DeployCommandTest.read(p.getErrorStream()));
        String out = DeployCommandTest.read(p.getInputStream());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private record Run(int exit, String stdout, String stderr) {}
}
