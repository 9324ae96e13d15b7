package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerTestFiles;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code immutable-deploy bake} in-process against the real Packer. */
class BakeCommandTest {
    private static final String TEMPLATE = """
            variable "greeting" {
              type    = string
              default = "hello"
            }

            source "null" "app" {
              communicator = "none"
            }

            source "file" "release" {
              content = var.greeting
              target  = "${path.root}/release.txt"
            }

            build {
              sources = ["source.null.app", "source.file.release"]

              provisioner "shell-local" {
                inline = ["echo greeting=${var.greeting}"]
              }
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int bake(String... options) throws IOException {
        Path template = Files.writeString(dir.resolve("app.pkr.hcl"), TEMPLATE);
        List<String> args = new ArrayList<>(List.of("bake", "--template", template.toString(), "--packer",
                TestTools.packer().toString()));
        args.addAll(List.of(options));
        return Main.run(args.toArray(new String[0]));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withJsonItPrintsExactlyOneObjectHoldingTheBakedArtifact() throws IOException {
        int exit = bake("--var", "greeting=from-cli", "--json");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stdout().lines().toList()).hasSize(1);
        Map<String, Object> result = Json.MAPPER.readValue(stdout(), new TypeReference<>() {});
        assertThat(result).containsOnlyKeys("artifactId", "id", "name", "regions", "builder", "builds",
                "packerVersion", "durationSeconds", "skipped");
        assertThat(result).containsEntry("artifactId", "File").containsEntry("builder", "packer.file")
                .containsEntry("packerVersion", "1.9.4").containsEntry("regions", List.of())
                .containsEntry("skipped", false);
        assertThat(result.get("builds")).asList().hasSize(2);
        assertThat(Files.readString(dir.resolve("release.txt"))).isEqualTo("from-cli");
        assertThat(stderr()).contains("    null.app: greeting=from-cli");
    }

    @Test
    void withoutJsonItPrintsAShortSummary() throws IOException {
        int exit = bake();

        assertThat(exit).as(stderr()).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("Baked image File (artifact File, builder packer.file)");
        assertThat(lines.get(1)).startsWith("  2 artifact(s) from 2 build(s), Packer 1.9.4, ");
    }

    @Test
    void aFailingBuildExitsWithOneAndPackersErrorButNoStackTrace() throws IOException {
        Path template = PackerTestFiles.copy("templates/failing.pkr.hcl", dir);
        int exit = Main.run("bake", "--template", template.toString(), "--packer", TestTools.packer().toString(), "--json");

        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).contains("ERROR: packer build failed with exit code 1:\n"
                + "  null.broken: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void onErrorAskIsAUsageError() throws IOException {
        int exit = bake("--on-error", "ask");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--on-error: 'ask' is not accepted");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aSecretVariableFromAnUnsetEnvironmentVariableIsAUsageErrorThatNamesIt() throws IOException {
        int exit = bake("--secret-var", "db_password=IMMUTABLE_DEPLOY_TEST_UNSET_VARIABLE");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--secret-var db_password: the environment variable"
                + " IMMUTABLE_DEPLOY_TEST_UNSET_VARIABLE is not set");
    }

    @Test
    void aBadTimeoutIsAUsageError() throws IOException {
        int exit = bake("--timeout", "soon");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--timeout: 'soon' is not a duration");
    }
}
