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
 * The examples' templates, checked with the pinned Packer and OpenTofu: formatting everywhere, a full
 * {@code packer validate} of both DigitalOcean templates with the DigitalOcean plugin that
 * scripts/install-tools.sh installs (the OpenTofu provider cannot be had here, so the Terraform files
 * are checked for formatting; the local example runs for real in scripts/test.sh, the DigitalOcean bake
 * in scripts/e2e-digitalocean.sh).
 */
class ExampleTemplatesTest {
    private static final Path EXAMPLES = TestTools.repoRoot().resolve("examples");

    @Test
    void theDigitalOceanPackerTemplatesAreFormattedAndValidWithTheDigitalOceanPlugin() throws Exception {
        Path dir = EXAMPLES.resolve("digitalocean");
        Path plugins = TestTools.packerPlugins();
        assertSucceeds(dir, null, TestTools.packer().toString(), "fmt", "-check", "packer.pkr.hcl");
        for (String template : List.of("packer.pkr.hcl", "packer.json")) {
            Result r = run(dir, plugins, TestTools.packer().toString(), "validate", "-var", "release_tag=v1.4.0",
                    "-var", "release_asset_url=https://example.com/app.jar", template);
            assertThat(r.exitCode).as("packer validate " + template + ":\n" + r.output).isZero();
            assertThat(r.output).contains("The configuration is valid.");
        }
    }

    @Test
    void withoutThePluginTheDigitalOceanTemplatesDoNotValidate() throws Exception {
        // What the full validation above proves: the plugin is what makes them valid.
        Path dir = EXAMPLES.resolve("digitalocean");
        Result hcl = run(dir, dir.resolve(".work/no-plugins"), TestTools.packer().toString(), "validate",
                "-var", "release_tag=v1.4.0", "-var", "release_asset_url=https://example.com/app.jar", "packer.pkr.hcl");
        Result json = run(dir, dir.resolve(".work/no-plugins"), TestTools.packer().toString(), "validate",
                "-var", "release_tag=v1.4.0", "-var", "release_asset_url=https://example.com/app.jar", "packer.json");
        assertThat(hcl.exitCode).isNotZero();
        assertThat(hcl.output).contains("github.com/digitalocean/digitalocean");
        assertThat(json.exitCode).isNotZero();
        assertThat(json.output).contains("Unknown builder digitalocean");
    }

    @Test
    void theDigitalOceanTerraformFilesAreFormatted() throws Exception {
        assertSucceeds(EXAMPLES.resolve("digitalocean"), null, TestTools.tofu().toString(), "fmt", "-check", "-recursive", "terraform");
    }

    @Test
    void theLocalExampleTemplatesAreFormattedAndValid() throws Exception {
        Path dir = EXAMPLES.resolve("local");
        assertSucceeds(dir, null, TestTools.packer().toString(), "fmt", "-check", "packer");
        assertSucceeds(dir, null, TestTools.packer().toString(), "validate", "-var", "version=1.0.0",
                "-var", "example_dir=" + dir, "-var", "images_dir=" + dir.resolve(".work/images"), "packer/app.pkr.hcl");
        assertSucceeds(dir, null, TestTools.tofu().toString(), "fmt", "-check", "terraform");
    }

    @Test
    void aTemplateWithBadFormattingFailsTheCheck(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("bad.tf"), "output \"x\" {\nvalue=1\n}\n");
        assertThat(run(tmp, null, TestTools.tofu().toString(), "fmt", "-check", ".").exitCode).isNotZero();
    }

    private static void assertSucceeds(Path dir, Path plugins, String... command) throws Exception {
        Result r = run(dir, plugins, command);
        assertThat(r.exitCode).as(String.join(" ", command) + " in " + dir + ":\n" + r.output).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a tool offline: no checkpoint call, and plugins only from {@code plugins} (none when null). */
    private static Result run(Path dir, Path plugins, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.environment().put("PACKER_PLUGIN_PATH", (plugins == null ? dir.resolve(".work/no-plugins") : plugins).toString());
        // A full validate checks the builder's settings, the token among them; this one is never sent anywhere.
        pb.environment().put("DIGITALOCEAN_TOKEN", "dop_v1_validate_only");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
