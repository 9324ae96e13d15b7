package io.jenkins.plugins.immutabledeploy.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord.Verification;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackPlannerTest {
    @TempDir
    Path tmp;

    private FileRecordStore store;

    private DeploymentRecord save(String id, int second, String image, String result) {
        if (store == null) {
            store = new FileRecordStore(tmp.resolve("records"));
        }
        DeploymentRecord r = new DeploymentRecord(id, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(second),
                "terraform", "default", "tofu", "1.10.10", Map.of("image", image), List.of(),
                Map.of("db_password", "DB_PASSWORD"), Map.of("add", 1), "abc", Map.of(), result, null);
        store.save(r);
        return r;
    }

    private RollbackRequest request(String to) {
        return new RollbackRequest("terraform", "default", to, null, null);
    }

    @Test
    void theTargetIsTheNewestEarlierSuccessfulDeploymentOfAnotherVersion() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);
        save("20261124T100002.000Z-000002", 2, "app-v2", DeploymentRecord.FAILED);
        save("20261124T100003.000Z-000003", 3, "app-v3", DeploymentRecord.SUCCESS);
        // A re-run of v3 that changed nothing is not a version to return to.
        save("20261124T100004.000Z-000004", 4, "app-v3", DeploymentRecord.NO_CHANGES);

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.current().id()).isEqualTo("20261124T100004.000Z-000004");
        assertThat(plan.target().id()).isEqualTo("20261124T100001.000Z-000001");
        assertThat(plan.message()).isEqualTo("rolling terraform (workspace default) back from record"
                + " 20261124T100004.000Z-000004 to record 20261124T100001.000Z-000001 (app-v1, success), deployed"
                + " 2026-11-24T10:00:01Z: no earlier deployment was verified healthy, so this is the newest successful"
                + " one, never verified");
    }

    @Test
    void withoutAnEarlierSuccessfulDeploymentThePlanSaysSo() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.possible()).isFalse();
        assertThat(plan.current().id()).isEqualTo("20261124T100001.000Z-000001");
        assertThat(plan.message()).isEqualTo("no earlier successful deployment of terraform (workspace default)"
                + " with another version than record 20261124T100001.000Z-000001 (app-v1, success) that did not fail"
                + " its checks; nothing to roll back to, so nothing was redeployed");
    }

    @Test
    void withNoRecordsAtAllThePlanSaysSo() {
        store = new FileRecordStore(tmp.resolve("empty"));

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.possible()).isFalse();
        assertThat(plan.message()).isEqualTo("no deployment record for terraform (workspace default);"
                + " nothing to roll back to, so nothing was redeployed");
    }

    @Test
    void anExplicitTargetMustBeAKnownSuccessfulRecord() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);
        save("20261124T100002.000Z-000002", 2, "app-v2", DeploymentRecord.FAILED);

        assertThat(RollbackPlanner.plan(store, request("20261124T100001.000Z-000001")).target().vars())
                .containsEntry("image", "app-v1");
        assertThatThrownBy(() -> RollbackPlanner.plan(store, request("nope")))
                .hasMessage("to: there is no deployment record nope for terraform (workspace default); known records,"
                        + " newest first: 20261124T100002.000Z-000002 (app-v2, failed), 20261124T100001.000Z-000001"
                        + " (app-v1, success)");
        assertThatThrownBy(() -> RollbackPlanner.plan(store, request("20261124T100002.000Z-000002")))
                .hasMessage("to: deployment record 20261124T100002.000Z-000002 is not a successful deploy (failed);"
                        + " roll back to a successful one: 20261124T100001.000Z-000001 (app-v1, success)");
    }

    @Test
    void anUnknownTargetIsNamedAsTheCallerNamesIt() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);

        assertThatThrownBy(() -> RollbackPlanner.plan(store, new RollbackRequest("terraform", null, "nope", null,
                io.jenkins.plugins.immutabledeploy.engine.Vocabulary.OPTIONS)))
                .hasMessageStartingWith("--to: there is no deployment record nope");
    }

    /** Marks a saved record with a verdict of the checks, as a verification naming its configuration does. */
    private DeploymentRecord verdict(DeploymentRecord r, int second, boolean healthy) {
        DeploymentRecord marked = r.withVerification(new Verification(Instant.parse("2026-11-24T10:00:00Z")
                .plusSeconds(second), r.image(), Verification.STABLE, healthy));
        store.update(marked);
        return marked;
    }

    @Test
    void aReleaseVerifiedHealthyIsPreferredToANewerOneNeverVerified() {
        verdict(save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS), 10, true);
        save("20261124T100002.000Z-000002", 2, "app-v2", DeploymentRecord.SUCCESS);
        save("20261124T100003.000Z-000003", 3, "app-v3", DeploymentRecord.SUCCESS);

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.target().id()).isEqualTo("20261124T100001.000Z-000001");
        assertThat(plan.message()).endsWith("to record 20261124T100001.000Z-000001 (app-v1, success, verified healthy),"
                + " deployed 2026-11-24T10:00:01Z");
    }

    @Test
    void afterAnAutomaticRollbackAPlainRollbackNeverRedeploysTheReleaseThatFailedItsChecks() {
        DeploymentRecord v1 = verdict(save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS), 10,
                true);
        // v2 was deployed, failed its checks and was rolled back automatically to v1, which verified healthy again.
        verdict(save("20261124T100002.000Z-000002", 2, "app-v2", DeploymentRecord.SUCCESS), 20, false);
        verdict(save("20261124T100003.000Z-000003", 3, "app-v1", DeploymentRecord.SUCCESS), 30, true);

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.possible()).isFalse();
        assertThat(plan.message()).contains("that did not fail its checks; nothing to roll back to");
        assertThat(v1.verified()).isTrue();
    }

    @Test
    void aGateStoppedDeployAndAFailedRollbackAreNotWhatIsLiveButAFailedApplyIs() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);
        // v2's apply started and failed half-way: v2 is (partly) what runs now.
        DeploymentRecord v2 = save("20261124T100002.000Z-000002", 2, "app-v2", DeploymentRecord.FAILED);
        // The rollback to v1 failed: its record is not a release that went live.
        DeploymentRecord failedRollback = new DeploymentRecord("20261124T100003.000Z-000003",
                Instant.parse("2026-11-24T10:00:03Z"), "terraform", "default", "tofu", "1.10.10",
                Map.of("image", "app-v1"), List.of(), Map.of(), Map.of(), "def", Map.of(), DeploymentRecord.FAILED, "gate",
                null, null, null, "app-v1", null, DeploymentRecord.ROLLBACK, null, null, null, null);
        store.save(failedRollback);
        // A deploy of v3 the gate stopped: nothing was applied.
        store.save(new DeploymentRecord("20261124T100004.000Z-000004", Instant.parse("2026-11-24T10:00:04Z"),
                "terraform", "default", "tofu", "1.10.10", Map.of("image", "app-v3"), List.of(), Map.of(), Map.of(), null,
                Map.of(), DeploymentRecord.FAILED, "The destroy gate stopped the deploy"));

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(v2.applyFailed()).isTrue();
        assertThat(plan.current().id()).isEqualTo(v2.id());
        assertThat(plan.target().id()).isEqualTo("20261124T100001.000Z-000001");
    }

    @Test
    void aReleasesPhaseThatLeftACandidateBesideTheLiveServersIsNeverATarget() {
        DeploymentRecord candidate = new DeploymentRecord("20261124T100001.000Z-000001",
                Instant.parse("2026-11-24T10:00:01Z"), "terraform", "default", "tofu", "1.10.10",
                Map.of("live_image", "app-v1", "candidate_image", "app-v2"), List.of(), Map.of(), Map.of(), "abc",
                Map.of(), DeploymentRecord.SUCCESS, null, null, null, null, "app-v1", "app-v2", "candidate", null, null,
                null, null);
        store = new FileRecordStore(tmp.resolve("records"));
        store.save(candidate);
        save("20261124T100002.000Z-000002", 2, "app-v3", DeploymentRecord.SUCCESS);

        assertThat(RollbackPlanner.plan(store, request(null)).possible()).isFalse();
    }
}
