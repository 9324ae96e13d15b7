package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The examples' templates, checked with the pinned Packer and OpenTofu as far as these machines
 * allow: formatting everywhere, and syntax for the DigitalOcean templates, whose plugin and
 * provider cannot be downloaded here (the local example runs for real in scripts/test.sh).
 */
class ExampleTemplatesTest {
    private static final Path EXAMPLES = TestTools.repoRoot().resolve("examples");

    @Test
    void theDigitalOceanPackerTemplatesAreFormattedAndSyntacticallyValid() throws Exception {
        Path dir = EXAMPLES.resolve("digitalocean");
        assertSucceeds(dir, TestTools.packer().toString(), "fmt", "-check", "packer.pkr.hcl");
        assertSucceeds(dir, TestTools.packer().toString(), "validate", "-syntax-only", "packer.pkr.hcl");
        assertSucceeds(dir, TestTools.packer().toString(), "validate", "-syntax-only", "packer.json");
    }

    @Test
    void theDigitalOceanTerraformFilesAreFormatted() throws Exception {
        assertSucceeds(EXAMPLES.resolve("digitalocean"), TestTools.tofu().toString(), "fmt", "-check", "-recursive", "terraform");
    }

    @Test
    void theLocalExampleTemplatesAreFormattedAndValid() throws Exception {
        Path dir = EXAMPLES.resolve("local");
        assertSucceeds(dir, TestTools.packer().toString(), "fmt", "-check", "packer");
        assertSucceeds(dir, TestTools.packer().toString(), "validate", "-var", "version=1.0.0",
                "-var", "example_dir=" + dir, "-var", "images_dir=" + dir.resolve(".work/images"), "packer/app.pkr.hcl");
        assertSucceeds(dir, TestTools.tofu().toString(), "fmt", "-check", "terraform");
    }

    @Test
    void aTemplateWithBadFormattingFailsTheCheck(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("bad.tf"), "output \"x\" {\nvalue=1\n}\n");
        assertThat(run(tmp, TestTools.tofu().toString(), "fmt", "-check", ".").exitCode).isNotZero();
    }

    private static void assertSucceeds(Path dir, String... command) throws Exception {
        Result r = run(dir, command);
        assertThat(r.exitCode).as(String.join(" ", command) + " in " + dir + ":\n" + r.output).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        // No plugin or provider download, no checkpoint call: these checks must work offline.
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().put("PACKER_PLUGIN_PATH", dir.resolve(".work/no-plugins").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
