package io.jenkins.plugins.immutabledeploy.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install-tools.sh, run for real against the pinned tools this machine already has. */
class InstallToolsScriptTest {
    @TempDir
    Path root;

    private Path target;
    private Path plugin;

    @org.junit.jupiter.api.BeforeEach
    void layout() {
        // The plugin goes beside the tools folder: <root>/bin and <root>/packer-plugins.
        target = root.resolve("bin");
        plugin = root.resolve("packer-plugins/github.com/digitalocean/digitalocean/"
                + "packer-plugin-digitalocean_v1.0.6_x5.0_linux_amd64");
    }

    private record Run(int exit, String output, Duration took) {}

    private Run install() throws IOException, InterruptedException {
        Path script = TestTools.repoRoot().resolve("scripts/install-tools.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("IMMUTABLE_DEPLOY_TOOLS", target.toString());
        pb.environment().put("IMMUTABLE_DEPLOY_NO_DOWNLOAD", "1");
        // The pinned tools go first on PATH, so the script finds them there instead of building.
        pb.environment().put("PATH", TestTools.packer().getParent() + ":" + TestTools.tofu().getParent() + ":"
                + System.getenv("PATH"));
        long started = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void installsThePinnedToolsAndThePluginAndASecondRunChangesNothingAndTakesSeconds() throws Exception {
        Run first = install();
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("packer 1.9.4 at " + target.resolve("packer"),
                "tofu   1.10.10 at " + target.resolve("tofu"));

        Run second = install();

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).isEqualTo("packer 1.9.4 at " + target.resolve("packer") + "\n"
                + "tofu   1.10.10 at " + target.resolve("tofu") + "\n"
                + "packer-plugin-digitalocean 1.0.6 (2022) in " + root.resolve("packer-plugins")
                + " (PACKER_PLUGIN_PATH)\n");
        assertThat(second.took()).isLessThan(Duration.ofSeconds(10));
        assertThat(Files.isExecutable(target.resolve("packer"))).isTrue();
        assertThat(Files.isExecutable(target.resolve("tofu"))).isTrue();
    }

    @Test
    void laysThePluginOutAsPackerInitDoesWithTheChecksumFilePackerNeeds() throws Exception {
        Run run = install();
        assertThat(run.exit()).as(run.output()).isZero();

        assertThat(Files.isExecutable(plugin)).isTrue();
        String sum = Files.readString(Path.of(plugin + "_SHA256SUM")).strip();
        assertThat(sum).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(Files.readAllBytes(plugin))));
        // The release build's version stamp, not the module's own "1.0.5-dev".
        Process describe = new ProcessBuilder(plugin.toString(), "describe").redirectErrorStream(true).start();
        String out = new String(describe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(describe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"version\":\"1.0.6\"", "\"api_version\":\"x5.0\"");
    }

    @Test
    void aPluginWhoseChecksumNoLongerMatchesIsInstalledAgain() throws Exception {
        assertThat(install().exit()).isZero();
        Files.writeString(Path.of(plugin + "_SHA256SUM"), "0".repeat(64) + "\n");

        Run again = install();

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.readString(Path.of(plugin + "_SHA256SUM")).strip()).isNotEqualTo("0".repeat(64));
    }
}
