package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.terraform.PhaseGate.Kind;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each phase of a release may change, told apart by the image in each server's key. */
class PhaseGateTest {
    private static final String LIVE = "img-1";
    private static final String NEW = "img-2";
    private final DeployRequest strict = DeployRequest.builder("terraform").build();

    private static PlanDocument plan(ResourceChange... changes) {
        PlanSummary summary = PlanSummary.of(List.of(changes));
        return new PlanDocument(summary, List.of(changes), Map.of(), Map.of(), Map.of());
    }

    private static ResourceChange server(String image, Action action) {
        return new ResourceChange("digitalocean_droplet.app[\"" + image + "\"]", action);
    }

    private static ResourceChange address(Action action) {
        return new ResourceChange("digitalocean_reserved_ip_assignment.live", action);
    }

    private PhaseGateException stop(PhaseGate gate, PlanDocument plan) {
        return catchThrowableOfType(PhaseGateException.class, () -> gate.check(plan, strict));
    }

    @Test
    void aServersKeyIsReadThroughModulesAndEscapes() {
        assertThat(new ResourceChange("module.web[\"blue\"].aws_instance.app[\"img-\\\"1\\\"\"]", Action.CREATE).keys())
                .containsExactly("blue", "img-\"1\"");
        assertThat(new ResourceChange("terraform_data.app[0]", Action.CREATE).keys()).isEmpty();
    }

    @Test
    void aCandidateMayOnlyAddItsOwnServersAndWhatComesWithThem() {
        PhaseGate candidate = new PhaseGate("candidate", Kind.CANDIDATE, Set.of(LIVE), Set.of(NEW), Set.of(), null);

        assertThatCode(() -> candidate.check(plan(server(NEW, Action.CREATE),
                new ResourceChange("digitalocean_record.candidate[0]", Action.CREATE)), strict)).doesNotThrowAnyException();
        // A candidate left tainted by an interrupted run is rebuilt: it takes no traffic.
        assertThatCode(() -> candidate.check(plan(server(NEW, Action.REPLACE)), strict)).doesNotThrowAnyException();

        PhaseGateException stop = stop(candidate, plan(server(NEW, Action.CREATE), server(LIVE, Action.REPLACE),
                address(Action.UPDATE), new ResourceChange("digitalocean_droplet.app[\"img-0\"]", Action.DELETE)));
        assertThat(stop.refused()).extracting(ResourceChange::address).containsExactly(
                "digitalocean_droplet.app[\"img-1\"]", "digitalocean_reserved_ip_assignment.live",
                "digitalocean_droplet.app[\"img-0\"]");
        assertThat(stop.getMessage()).startsWith("The candidate plan was stopped before apply; nothing was changed. A"
                + " candidate may only add servers beside the live ones (those keyed by img-2)")
                .contains("replace digitalocean_droplet.app[\"img-1\"] (the server of img-1, which must stay)",
                        "update digitalocean_reserved_ip_assignment.live (it exists: a candidate only adds)");
    }

    @Test
    void aPromotionMovesOnlyTheAddressAndNeverRebuildsEitherServer() {
        PhaseGate promote = new PhaseGate("promote", Kind.SWITCH, Set.of(LIVE, NEW), Set.of(), Set.of(), null);

        assertThatCode(() -> promote.check(plan(address(Action.REPLACE), server(NEW, Action.UPDATE)), strict))
                .doesNotThrowAnyException();
        assertThat(stop(promote, plan(address(Action.UPDATE), server(NEW, Action.REPLACE))).getMessage())
                .contains("The promote phase may only move the stable address and what depends on it: the servers"
                        + " keyed by img-1 and img-2 must stay", "replace digitalocean_droplet.app[\"img-2\"]");
        assertThat(stop(promote, plan(server(LIVE, Action.DELETE))).refused()).hasSize(1);
        // A destroy-first switch is left to the deploy's own gate: allowDestroyFirst.
        assertThat(catchThrowableOfType(DestroyGateException.class, () -> promote.check(plan(
                address(Action.REPLACE_DESTROY_FIRST)), strict)).destroyFirstReplacements())
                .containsExactly("digitalocean_reserved_ip_assignment.live");
        assertThatCode(() -> promote.check(plan(address(Action.REPLACE_DESTROY_FIRST)),
                DeployRequest.builder("terraform").allowDestroyFirst(true).build())).doesNotThrowAnyException();
    }

    @Test
    void aDiscardRemovesOnlyTheCandidateAndWhatItsPhaseCreatedAndNeverMovesTheAddress() {
        ResourceChange candidateRecord = new ResourceChange("digitalocean_record.candidate[0]", Action.DELETE);
        PhaseGate discard = new PhaseGate("discard", Kind.REMOVE, Set.of(LIVE), Set.of(NEW),
                Set.of(candidateRecord.address()), null);

        assertThatCode(() -> discard.check(plan(server(NEW, Action.DELETE), candidateRecord), strict))
                .doesNotThrowAnyException();
        assertThat(stop(discard, plan(server(NEW, Action.DELETE), address(Action.UPDATE))).getMessage())
                .contains("the live servers and the stable address stay as they are");
        assertThat(stop(discard, plan(server(LIVE, Action.DELETE))).refused()).hasSize(1);
        // Anything else going away is the deploy's gate's to allow.
        assertThat(catchThrowableOfType(DestroyGateException.class, () -> discard.check(plan(
                new ResourceChange("digitalocean_database_db.app", Action.DELETE)), strict)).deletes())
                .containsExactly("digitalocean_database_db.app");
    }

    @Test
    void theDeposedLeftoverOfAnInterruptedReplacementIsAllowedInEveryPhase() {
        ResourceChange deposed = new ResourceChange("digitalocean_droplet.app[\"img-1\"]", Action.DELETE, "4f7e30e4");
        PlanDocument finishing = plan(new ResourceChange("digitalocean_droplet.app[\"img-1\"]", Action.NO_OP), deposed);

        assertThat(finishing.summary().changes()).extracting(ResourceChange::action).containsExactly(Action.DELETE_DEPOSED);
        for (Kind kind : Kind.values()) {
            assertThatCode(() -> new PhaseGate("p", kind, Set.of(LIVE), Set.of(NEW), Set.of(), null).check(finishing,
                    strict)).as(kind.name()).doesNotThrowAnyException();
        }
    }
}
