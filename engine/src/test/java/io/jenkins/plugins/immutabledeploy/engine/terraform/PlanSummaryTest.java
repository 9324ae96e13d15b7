package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanSummaryTest {
    @Test
    void aPlanThatReplacesBothWaysAndRemovesAResourceIsClassifiedChangeByChange() {
        PlanSummary plan = PlanSummary.fromShowJson(Fixtures.json("show-replace-and-delete.json"));

        assertThat(plan.changes()).containsExactly(
                new ResourceChange("terraform_data.dns", Action.REPLACE_DESTROY_FIRST),
                new ResourceChange("terraform_data.server", Action.REPLACE),
                new ResourceChange("terraform_data.worker[0]", Action.DELETE));
        assertThat(plan.counts()).containsExactly(
                Map.entry("add", 0), Map.entry("change", 0), Map.entry("replace", 2), Map.entry("destroy", 1));
        assertThat(plan.addresses(Action.DELETE)).containsExactly("terraform_data.worker[0]");
    }

    @Test
    void aFirstPlanIsAllCreatesAndAnUnchangedOneIsEmpty() {
        assertThat(PlanSummary.fromShowJson(Fixtures.json("show-first-deploy.json")).counts())
                .containsEntry("add", 2).containsEntry("destroy", 0);
        PlanSummary none = PlanSummary.fromShowJson(Fixtures.json("show-no-changes.json"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none).isEqualTo(PlanSummary.EMPTY);
    }

    @Test
    void everyActionListTerraformWritesHasOneClassificationAndAnUnknownOneIsRefused() {
        assertThat(Action.of(List.of("create", "delete"))).isEqualTo(Action.REPLACE);
        assertThat(Action.of(List.of("delete", "create"))).isEqualTo(Action.REPLACE_DESTROY_FIRST);
        assertThat(Action.of(List.of("update"))).isEqualTo(Action.UPDATE);
        assertThat(Action.of(List.of("read"))).isEqualTo(Action.READ);
        assertThat(Action.of(List.of("forget"))).isEqualTo(Action.FORGET);
        assertThat(Action.of(List.of("no-op"))).isEqualTo(Action.NO_OP);
        assertThatThrownBy(() -> Action.of(List.of("teleport"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teleport");
    }
}
