package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LineSplitter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 #13: a plan whose {@code show -json} is larger than the longest line the log keeps whole
 * (16 MiB) deploys, with the real OpenTofu. A 9 MiB {@code file()} input is enough: the document holds
 * it twice (planned values and the resource change), on one line.
 */
class LargePlanTest {
    @TempDir
    Path tmp;

    @Test
    void aPlanWhoseShowJsonIsLargerThanALineIsKeptWholeIsReadAndApplied() throws IOException {
        TofuProject project = new TofuProject(tmp);
        Files.writeString(project.dir.resolve("main.tf"), """
                variable "image" {
                  type = string
                }
                variable "db_password" {
                  type      = string
                  sensitive = true
                }
                variable "api_key" {
                  type = string
                }
                resource "terraform_data" "blob" {
                  input = file("${path.module}/blob.txt")
                }
                resource "terraform_data" "server" {
                  input = var.image
                }
                output "blob_bytes" {
                  value = length(terraform_data.blob.output)
                }
                output "connection" {
                  value     = "postgres://app:planned-in-clear-${var.image}@db"
                  sensitive = true
                }
                """);
        long blobBytes = 9L * 1024 * 1024;
        try (Writer w = Files.newBufferedWriter(project.dir.resolve("blob.txt"))) {
            String line = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(2) + "\n"; // 73 bytes, newline escaped as \n in JSON
            for (long n = 0; n < blobBytes; n += line.length()) {
                w.write(line);
            }
        }
        TofuProject.Session s = project.session();

        DeployResult result = s.deployer.deploy(project.request("img-big").build(), Cancellation.none());

        assertThat(result.changed()).isTrue();
        assertThat(result.summary().counts()).containsExactly(
                Map.entry("add", 2), Map.entry("change", 0), Map.entry("replace", 0), Map.entry("destroy", 0));
        assertThat(result.summary().changes()).extracting(ResourceChange::address)
                .containsExactlyInAnyOrder("terraform_data.blob", "terraform_data.server");
        assertThat(((Number) result.outputs().get("blob_bytes")).longValue()).isGreaterThanOrEqualTo(blobBytes);
        assertThat(result.outputs()).containsEntry("connection", "****");
        // The sensitive output's planned value was learnt from show -json, before apply could print it.
        assertThat(s.secrets.containsSecret("postgres://app:planned-in-clear-img-big@db")).isTrue();
        assertThat(s.text()).doesNotContain("planned-in-clear").doesNotContain("Could not read");
        assertThat(Files.size(project.dir.resolve("terraform.tfstate"))).as("the plan really was that large")
                .isGreaterThan(LineSplitter.MAX_LINE_BYTES / 2);
    }
}
