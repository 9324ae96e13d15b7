package io.jenkins.plugins.immutabledeploy.cli;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code immutable-deploy bake --skip-if-exists}: a re-run of the same release does not bake twice. */
class BakeSkipIfExistsTest {
    private static final String TOKEN_ENV = FakeDigitalOceanRun.TOKEN_ENV;
    private static final String TEMPLATE = """
            source "null" "app" {
              communicator = "none"
            }

            build {
              sources = ["source.null.app"]
            }
            """;

    private FakeDigitalOceanRun fake;
    private FakeDigitalOcean api;
    private Path template;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDigitalOceanRun();
        api = fake.api;
        template = Files.writeString(dir.resolve("app.pkr.hcl"), TEMPLATE);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void anExistingSnapshotIsPrintedAsASkippedBakeWithoutRunningOrEvenFindingPacker() throws Exception {
        int code = Main.run("bake", "--template", template.toString(), "--packer", dir.resolve("no-packer-here").toString(),
                "--token-env", TOKEN_ENV, "--skip-if-exists", "web-v1.4.0", "--api-url", fake.url(),
                "--json");

        assertThat(code).as(fake.stderr()).isEqualTo(ExitCodes.OK);
        Map<String, Object> result = Json.MAPPER.readValue(fake.stdout(), new TypeReference<Map<String, Object>>() {});
        assertThat(result).containsOnlyKeys("artifactId", "id", "name", "regions", "builder", "builds",
                "packerVersion", "durationSeconds", "skipped");
        assertThat(result).containsEntry("artifactId", "nyc3,sfo3:100000007").containsEntry("id", "100000007")
                .containsEntry("regions", List.of("nyc3", "sfo3")).containsEntry("builder", "digitalocean")
                .containsEntry("packerVersion", "").containsEntry("durationSeconds", 0.0).containsEntry("skipped", true);
        assertThat(fake.stdout() + fake.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void withoutASnapshotOfThatNameItBakesWithPacker() throws Exception {
        int code = Main.run("bake", "--template", template.toString(), "--packer", TestTools.packer().toString(),
                "--token-env", TOKEN_ENV, "--skip-if-exists", "web-v2.0.0", "--api-url", fake.url(),
                "--json");

        assertThat(code).as(fake.stderr()).isEqualTo(ExitCodes.OK);
        Map<String, Object> result = Json.MAPPER.readValue(fake.stdout(), new TypeReference<Map<String, Object>>() {});
        assertThat(result).containsEntry("skipped", false).containsEntry("packerVersion", "1.9.4");
        assertThat(fake.stderr()).contains("No DigitalOcean snapshot is named web-v2.0.0; baking it");
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/v2/snapshots", "/v2/snapshots");
        assertThat(fake.stdout() + fake.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void skipIfExistsWithoutATokenIsAUsageError() {
        int code = Main.run("bake", "--template", template.toString(), "--skip-if-exists", "web-v1.4.0",
                "--api-url", fake.url());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(fake.stderr()).contains("--skip-if-exists: needs --token-env");
        assertThat(api.requests()).isEmpty();
    }
}
