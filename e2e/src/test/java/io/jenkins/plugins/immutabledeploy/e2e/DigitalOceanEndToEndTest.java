package io.jenkins.plugins.immutabledeploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/e2e-digitalocean.sh as a child process: the real Packer and DigitalOcean plugin, through the
 * CLI built in this reactor, against the local DigitalOcean, in a loopback-only network namespace.
 * The script checks each step itself; this test holds it to finishing, passing every check and saying
 * what it skipped.
 */
class DigitalOceanEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void thePackerHalfBakesSkipsAndPrunesAndTheScriptSaysWhatItSkipped() throws Exception {
        Path output = tmp.resolve("e2e.log");
        ProcessBuilder pb = new ProcessBuilder("bash", TestTools.repoRoot().resolve("scripts/e2e-digitalocean.sh").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("IMMUTABLE_DEPLOY_TOOLS", TestTools.toolsDir().toAbsolutePath().toString());
        pb.environment().put("PACKER_PLUGIN_PATH", TestTools.packerPlugins().toString());
        pb.environment().remove("IMMUTABLE_DEPLOY_PROVIDER_MIRROR");
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(out);

        assertThat(finished).as("the script finished within 10 minutes:\n" + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("e2e: in a network namespace with only loopback",
                "e2e: ok: the snapshot is named app-v1.0.0",
                "e2e: ok: provisioning/files/app.service arrived byte-identical at the SSH stand-in",
                "e2e: ok: neither the token nor the DB password is in anything uploaded, recorded or logged",
                "e2e: ok: it found app-v1.0.0",
                "e2e: ok: the live snapshot app-v1.0.0 is still there",
                "e2e: skipped: OpenTofu half: no provider mirror (IMMUTABLE_DEPLOY_PROVIDER_MIRROR)",
                "e2e: every check passed");
        assertThat(out).doesNotContain("FAILED");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("the work folder is removed")
                    .containsExactly("e2e.log");
        }
    }
}
