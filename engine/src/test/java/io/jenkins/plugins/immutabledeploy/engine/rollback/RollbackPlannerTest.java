package io.jenkins.plugins.immutabledeploy.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
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
                + " 20261124T100004.000Z-000004 to record 20261124T100001.000Z-000001 (deployed 2026-11-24T10:00:01Z)");
    }

    @Test
    void withoutAnEarlierSuccessfulDeploymentThePlanSaysSo() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);

        RollbackPlanner.Plan plan = RollbackPlanner.plan(store, request(null));

        assertThat(plan.possible()).isFalse();
        assertThat(plan.current().id()).isEqualTo("20261124T100001.000Z-000001");
        assertThat(plan.message()).isEqualTo("no earlier successful deployment of terraform (workspace default)"
                + " with other inputs than record 20261124T100001.000Z-000001; nothing to roll back to, so nothing"
                + " was redeployed");
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
                        + " newest first: 20261124T100002.000Z-000002 (failed), 20261124T100001.000Z-000001 (success)");
        assertThatThrownBy(() -> RollbackPlanner.plan(store, request("20261124T100002.000Z-000002")))
                .hasMessage("to: deployment record 20261124T100002.000Z-000002 is not a successful deploy (failed);"
                        + " roll back to a successful one: 20261124T100001.000Z-000001 (success)");
    }

    @Test
    void anUnknownTargetIsNamedAsTheCallerNamesIt() {
        save("20261124T100001.000Z-000001", 1, "app-v1", DeploymentRecord.SUCCESS);

        assertThatThrownBy(() -> RollbackPlanner.plan(store, new RollbackRequest("terraform", null, "nope", null,
                io.jenkins.plugins.immutabledeploy.engine.Vocabulary.OPTIONS)))
                .hasMessageStartingWith("--to: there is no deployment record nope");
    }
}
