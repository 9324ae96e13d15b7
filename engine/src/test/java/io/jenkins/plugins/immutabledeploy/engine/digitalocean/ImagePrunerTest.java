package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePrunerTest {
    private final MockWebServer server = new MockWebServer();
    private final FakeDigitalOcean api = new FakeDigitalOcean();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private BuildLog log;
    private ImagePruner pruner;

    @TempDir
    Path records;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(api);
        server.start();
        log = new BuildLog(logged::add, new SecretMasker());
        pruner = new ImagePruner(DigitalOceanClient.builder().baseUrl(server.url("/").toString())
                .token(TOKEN, "DIGITALOCEAN_TOKEN").sleeper(d -> { }).log(log).build(), log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Saves a record the way a deploy does. */
    static void record(Path root, String dir, String workspace, String time, String result, Map<String, String> vars) {
        Instant t = Instant.parse(time);
        new FileRecordStore(root).save(new DeploymentRecord(FileRecordStore.newId(t), t, dir, workspace, "tofu", "1.10.10",
                vars, List.of(), Map.of("do_token", "DIGITALOCEAN_TOKEN"), Map.of("add", 1), "abc", Map.of(), result, null));
    }

    /**
     * Records in three configurations/workspaces: production runs 100000005 (as Packer's artifact
     * id), staging runs 100000004 (bare id); older successes and a newer failure protect nothing.
     */
    static void writeRecords(Path root) {
        record(root, "terraform", "production", "2026-10-02T09:00:00Z", DeploymentRecord.SUCCESS,
                Map.of("image_id", "100000001", "region", "nyc3"));
        record(root, "terraform", "production", "2026-10-21T09:00:00Z", DeploymentRecord.SUCCESS,
                Map.of("image_id", "nyc3:100000005", "region", "nyc3"));
        record(root, "terraform", "production", "2026-11-02T09:00:00Z", DeploymentRecord.FAILED,
                Map.of("image_id", "nyc3:100000006", "region", "nyc3"));
        record(root, "/srv/app/terraform-staging", "default", "2026-10-03T09:00:00Z", DeploymentRecord.NO_CHANGES,
                Map.of("image_id", "100000004"));
    }

    @Test
    void keepsTheNewestNAndEveryProtectedIdFromTheCallerAndFromTheLatestSuccessfulRecords() {
        writeRecords(records);
        List<DeploymentRecord> latest = new FileRecordStore(records).deployedNow();
        assertThat(ProtectedImages.usedBy(latest)).contains("100000005", "100000004")
                .doesNotContain("100000001", "100000006");

        PruneResult result = pruner.prune(PruneRequest.builder().prefix("web-").keep(2)
                .protect(List.of("nyc3:100000002")).protectRecords(latest).build());

        assertThat(result.kept()).extracting(Snapshot::id).containsExactly("100000008", "100000007");
        assertThat(result.protectedImages()).extracting(Snapshot::id)
                .containsExactly("100000005", "100000004", "100000002");
        assertThat(result.deleted()).extracting(Snapshot::id).containsExactly("100000001", "100000006");
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000006");
        assertThat(result.dryRun()).isFalse();
        // The database snapshot does not match the prefix: never touched, never listed.
        assertThat(Json.write(result.toMap())).doesNotContain("100000003").doesNotContain(TOKEN);
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResultMapListsIdNameAndCreatedForEachGroup() {
        PruneResult result = pruner.prune(PruneRequest.builder().regex("web-v1\\.[0-4]\\.0").keep(4).dryRun(true).build());

        Map<String, Object> map = result.toMap();
        assertThat(map).containsOnlyKeys("deleted", "kept", "protected", "dryRun");
        assertThat(map.get("dryRun")).isEqualTo(true);
        assertThat((List<Object>) map.get("deleted")).containsExactly(
                Map.of("id", "100000001", "name", "web-v1.0.0", "created", "2026-09-01T10:00:00Z"),
                Map.of("id", "100000002", "name", "web-v1.1.0", "created", "2026-09-15T10:00:00Z"));
        assertThat((List<?>) map.get("kept")).hasSize(4);
        assertThat((List<?>) map.get("protected")).isEmpty();
    }

    @Test
    void aDryRunDeletesNothingAndReportsWhatWouldGo() {
        PruneResult result = pruner.prune(PruneRequest.builder().prefix("web-").keep(3).dryRun(true).build());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.deleted()).extracting(Snapshot::id)
                .containsExactly("100000001", "100000002", "100000004", "100000005");
        assertThat(api.requests()).noneMatch(r -> r.getMethod().equals("DELETE"));
        assertThat(logged).anyMatch(l -> l.startsWith("Would delete snapshot 100000001"));
    }

    @Test
    void aSnapshotListedOnTwoShiftedPagesIsNeitherKeptAndDeletedNorCountedTwice() {
        api.shiftPages();

        PruneResult result = pruner.prune(PruneRequest.builder().prefix("web-").keep(5).build());

        assertThat(result.kept()).extracting(Snapshot::id)
                .containsExactly("100000008", "100000007", "100000006", "100000005", "100000004");
        assertThat(result.deleted()).extracting(Snapshot::id).containsExactly("100000001", "100000002");
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000002");
    }

    @Test
    void aFailedDeleteStopsThePruneAndCarriesWhatWasAlreadyDeleted() {
        api.refuseToDelete("100000002");

        PruneFailedException e = catchThrowableOfType(PruneFailedException.class,
                () -> pruner.prune(PruneRequest.builder().prefix("web-").keep(5).build()));

        assertThat(e).hasMessageContaining("Deleting snapshot 100000002 'web-v1.1.0'")
                .hasMessageContaining("after 1 of 2 were deleted")
                .hasMessageContaining("forbidden: You do not have access for the attempted action.");
        assertThat(e.partial().deleted()).extracting(Snapshot::id).containsExactly("100000001");
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000002");
    }

    @Test
    void aRejectedTokenStopsBeforeAnythingIsListedOrDeleted() {
        pruner = new ImagePruner(DigitalOceanClient.builder().baseUrl(server.url("/").toString())
                .token("dop_v1_revoked", "DIGITALOCEAN_TOKEN").build(), log);

        assertThatThrownBy(() -> pruner.prune(PruneRequest.builder().prefix("web-").keep(1).build()))
                .hasMessageStartingWith("the DigitalOcean token in credential DIGITALOCEAN_TOKEN was rejected")
                .hasMessageNotContaining("dop_v1_revoked");
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v2/account");
    }

    @Test
    void anUnreadableRecordStopsThePruneBeforeAnythingIsDeleted() throws Exception {
        writeRecords(records);
        Path production;
        try (var folders = java.nio.file.Files.list(records)) {
            production = folders.filter(f -> f.getFileName().toString().startsWith("terraform-")).findFirst().orElseThrow()
                    .resolve("production");
        }
        java.nio.file.Files.writeString(production.resolve("29991231T000000.000Z-ffffff.json"), "{ not json");

        assertThatThrownBy(() -> new FileRecordStore(records).deployedNow())
                .hasMessageStartingWith("Could not read the deployment record " + production);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aMissingRecordsFolderProtectsNothing() {
        assertThat(new FileRecordStore(records.resolve("absent")).deployedNow()).isEmpty();
    }

    @Test
    void aRequestNeedsExactlyOneNameFilterAndKeepsAtLeastOne() {
        assertThatThrownBy(() -> PruneRequest.builder().keep(1).build())
                .hasMessageStartingWith("prefix/regex: give exactly one").hasMessageEndingWith("neither was given");
        assertThatThrownBy(() -> PruneRequest.builder().prefix("a").regex("b").keep(1).build())
                .hasMessageEndingWith("both were given");
        assertThatThrownBy(() -> PruneRequest.builder().prefix("web-").keep(0).build())
                .hasMessage("keep: must be at least 1 so the newest image always stays, was 0");
        assertThatThrownBy(() -> PruneRequest.builder().regex("web-(").keep(1).build())
                .hasMessageStartingWith("regex: 'web-(' is not a valid regular expression");
    }

    @Test
    void aRegexMustMatchTheWholeName() {
        PruneRequest r = PruneRequest.builder().regex("web-v1\\.[0-9]").keep(1).build();

        assertThat(r.matches("web-v1.0")).isTrue();
        assertThat(r.matches("web-v1.0.0")).isFalse();
    }
}
