package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerTestFiles;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code immutable-deploy bake} as its own JVM, because secrets come from environment
 * variables (which a test cannot set in its own JVM) and Ctrl-C is a signal to the process.
 */
class BakeCommandProcessTest {
    private static final String PASSWORD = "cli-Secret-0f9e8d7c";
    private static final String TOKEN = "dop_v1_cli0123456789abcdef0123456789ab";

    @TempDir
    Path dir;

    private Process start(Path template, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bake",
                "--template", template.toString(), "--packer", TestTools.packer().toString()));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("BAKE_TEST_DB_PASSWORD", PASSWORD);
        pb.environment().put("BAKE_TEST_DO_TOKEN", TOKEN);
        return pb.start();
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void secretVariablesAndTheTokenComeFromTheEnvironmentAndAreMaskedInEveryOutput() throws Exception {
        Path template = Files.writeString(dir.resolve("app.pkr.hcl"), """
                variable "db_password" {
                  type      = string
                  sensitive = true
                }
                source "null" "app" {
                  communicator = "none"
                }
                build {
                  sources = ["source.null.app"]
                  provisioner "shell-local" {
                    inline = ["echo password=${var.db_password} token=$DIGITALOCEAN_TOKEN api=$DIGITALOCEAN_API_TOKEN"]
                  }
                }
                """);
        Process p = start(template, "--secret-var", "db_password=BAKE_TEST_DB_PASSWORD", "--token-env",
                "BAKE_TEST_DO_TOKEN", "--json");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(read("stderr.txt")).isZero();
        assertThat(read("stderr.txt")).contains("    null.app: password=**** token=**** api=****");
        Map<String, Object> result = Json.MAPPER.readValue(read("stdout.txt"), new TypeReference<>() {});
        assertThat(result).containsEntry("artifactId", "Null");
        assertThat(PackerTestFiles.everyFile(dir)).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void ctrlCInterruptsPackerAndWaitsForItToCleanUpBeforeTheCommandExits() throws Exception {
        Path marker = dir.resolve("cleanup-marker");
        Path template = PackerTestFiles.copy("templates/slow.pkr.hcl", dir);
        Process p = start(template, "--var", "marker=" + marker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!read("stderr.txt").contains("provisioning-started") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(read("stderr.txt")).contains("    null.slow: provisioning-started");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isNotZero();
        assertThat(read("stderr.txt")).contains("WARNING: Cancelled: interrupting packer (SIGINT)")
                .contains("ERROR: The bake was cancelled; Packer was interrupted and exited with code")
                .doesNotContain("\tat ");
        assertThat(marker).hasContent("cleaned-up");
        assertThat(read("stdout.txt")).isEmpty();
    }
}
