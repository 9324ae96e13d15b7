package io.jenkins.plugins.immutabledeploy.cli;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneImagesCommandTest {
    private static final String TOKEN_ENV = FakeDigitalOceanRun.TOKEN_ENV;

    private FakeDigitalOceanRun fake;
    private FakeDigitalOcean api;

    @TempDir
    Path records;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDigitalOceanRun();
        api = fake.api;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private int run(String... args) {
        return Main.run(args);
    }

    @Test
    void pruneImagesPrintsOneJsonObjectAndKeepsTheImageTheLatestDeployUses() throws Exception {
        Instant t = Instant.parse("2026-10-21T09:00:00Z");
        new FileRecordStore(records).save(new DeploymentRecord(FileRecordStore.newId(t), t, "terraform", "default", "tofu",
                "1.10.10", Map.of("image_id", "nyc3:100000002"), List.of(), Map.of(), Map.of(), null, Map.of(),
                DeploymentRecord.SUCCESS, null));

        int code = run("prune-images", "--token-env", TOKEN_ENV, "--prefix", "web-", "--keep", "3",
                "--protect", "100000004", "--records-dir", records.toString(),
                "--api-url", fake.url(), "--json");

        assertThat(code).as(fake.stderr()).isEqualTo(ExitCodes.OK);
        Map<String, Object> result = Json.MAPPER.readValue(fake.stdout(), new TypeReference<Map<String, Object>>() {});
        assertThat(result).containsOnlyKeys("deleted", "kept", "protected", "dryRun");
        assertThat(ids(result.get("kept"))).containsExactly("100000008", "100000007", "100000006");
        assertThat(ids(result.get("protected"))).containsExactly("100000004", "100000002");
        assertThat(ids(result.get("deleted"))).containsExactly("100000001", "100000005");
        assertThat(result.get("dryRun")).isEqualTo(false);
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000005");
        assertThat(fake.stdout().strip().lines()).hasSize(1);
        assertThat(fake.stdout() + fake.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void aDryRunPrintsASummaryAndSendsNoDelete() {
        int code = run("prune-images", "--token-env", TOKEN_ENV, "--regex", "web-v1\\.[0-9]\\.0", "--keep", "5",
                "--records-dir", records.resolve("none").toString(), "--api-url", fake.url(),
                "--dry-run");

        assertThat(code).as(fake.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(fake.stdout()).startsWith("Would delete 2 snapshot(s); kept 5, protected 0")
                .contains("would delete 100000001 web-v1.0.0").contains("would delete 100000002 web-v1.1.0");
        assertThat(api.requests()).noneMatch(r -> r.getMethod().equals("DELETE"));
    }

    @Test
    void aRejectedTokenExitsOneNamingTheVariableAndNeverTheToken() {
        api.then(FakeDigitalOcean.json(401, FakeDigitalOcean.fixture("error-unauthorized.json")));

        int code = run("prune-images", "--token-env", TOKEN_ENV, "--prefix", "web-", "--keep", "1",
                "--records-dir", records.toString(), "--api-url", fake.url(), "--json");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(fake.stderr()).contains("ERROR: the DigitalOcean token in credential " + TOKEN_ENV + " was rejected");
        assertThat(fake.stdout()).isEmpty();
        assertThat(fake.stdout() + fake.stderr()).doesNotContain(TOKEN);
    }

    @Test
    void anUnsetTokenVariableOrAMissingNameFilterIsAUsageError() {
        assertThat(run("prune-images", "--token-env", "IMMUTABLE_DEPLOY_TEST_UNSET_VARIABLE", "--prefix", "web-",
                "--keep", "1", "--api-url", fake.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(fake.stderr()).contains("--token-env: the environment variable IMMUTABLE_DEPLOY_TEST_UNSET_VARIABLE is not set");

        assertThat(run("prune-images", "--token-env", TOKEN_ENV, "--keep", "1", "--api-url",
                fake.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(fake.stderr()).contains("--prefix/--regex: give exactly one of them");
        assertThat(api.requests()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Object groups) {
        return ((List<Map<String, Object>>) groups).stream().map(m -> m.get("id")).toList();
    }
}
