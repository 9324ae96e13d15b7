package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestroyGateTest {
    private final PlanSummary replaceAndDelete = PlanSummary.fromShowJson(Fixtures.json("show-replace-and-delete.json"));

    @Test
    void theStrictGateStopsThePureDeleteAndTheDestroyFirstReplacementButNotTheNewFirstOne() {
        DestroyGateException stop = catchThrowableOfType(DestroyGateException.class,
                () -> DestroyGate.strict().check(replaceAndDelete, Vocabulary.FIELDS));

        assertThat(stop.deletes()).containsExactly("terraform_data.worker[0]");
        assertThat(stop.destroyFirstReplacements()).containsExactly("terraform_data.dns");
        assertThat(stop.getMessage()).doesNotContain("terraform_data.server");
    }

    @Test
    void theStopSaysHowToAllowEachChangeAsThePipelineAndTheCommandLineWriteIt() {
        DestroyGateException pipeline = catchThrowableOfType(DestroyGateException.class,
                () -> DestroyGate.strict().check(replaceAndDelete, Vocabulary.FIELDS));
        DestroyGateException cli = catchThrowableOfType(DestroyGateException.class,
                () -> DestroyGate.strict().check(replaceAndDelete, Vocabulary.OPTIONS));

        assertThat(pipeline.getMessage()).contains("allow it with allowDestroy: true, optionally limited to addresses"
                + " matching a pattern with allowDestroyOf.").contains("or allow it with allowDestroyFirst: true.")
                .doesNotContain("--");
        assertThat(cli.getMessage()).contains("allow it with --allow-destroy, optionally limited to addresses matching a"
                + " pattern with --allow-destroy-of.").contains("or allow it with --allow-destroy-first.")
                .doesNotContain("allowDestroy");
    }

    @Test
    void allowingDestroysLeavesTheDestroyFirstReplacementStopped() {
        DestroyGateException stop = catchThrowableOfType(DestroyGateException.class,
                () -> new DestroyGate(true, List.of(), false).check(replaceAndDelete, Vocabulary.FIELDS));

        assertThat(stop.deletes()).isEmpty();
        assertThat(stop.destroyFirstReplacements()).containsExactly("terraform_data.dns");
    }

    @Test
    void aPatternAllowsOnlyTheDeletesItMatches() {
        PlanSummary twoDeletes = PlanSummary.of(List.of(
                new ResourceChange("module.old.terraform_data.a", Action.DELETE),
                new ResourceChange("terraform_data.db", Action.DELETE)));

        DestroyGateException stop = catchThrowableOfType(DestroyGateException.class,
                () -> new DestroyGate(true, List.of("module.old.*"), false).check(twoDeletes, Vocabulary.FIELDS));

        assertThat(stop.deletes()).containsExactly("terraform_data.db");
        assertThatCode(() -> new DestroyGate(false, List.of("module.old.*", "terraform_data.d?"), false)
                .check(PlanSummary.of(List.of(new ResourceChange("module.old.terraform_data.a", Action.DELETE))),
                        Vocabulary.FIELDS))
                .doesNotThrowAnyException();
    }

    @Test
    void bracketsAndDotsInAPatternMatchOnlyThemselves() {
        PlanSummary delete = PlanSummary.of(List.of(new ResourceChange("terraform_data.workerX0X", Action.DELETE)));

        assertThat(catchThrowableOfType(DestroyGateException.class,
                () -> new DestroyGate(false, List.of("terraform_data.worker[0]"), false).check(delete, Vocabulary.FIELDS))).isNotNull();
    }

    @Test
    void everythingAllowedLetsTheWholePlanThrough() {
        assertThatCode(() -> new DestroyGate(true, List.of(), true).check(replaceAndDelete, Vocabulary.FIELDS)).doesNotThrowAnyException();
    }
}
