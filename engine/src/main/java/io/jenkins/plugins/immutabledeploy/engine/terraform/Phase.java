package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.Objects;

/**
 * What kind of deploy a {@link TerraformDeployer#deploy(DeployRequest, Phase,
 * io.jenkins.plugins.immutabledeploy.engine.process.Cancellation) deploy} is, for its gate and its record: a plain
 * deploy, a rollback's redeploy, or one phase of a release.
 *
 * @param name the record's {@link DeploymentRecord#phase()}: null for a plain deploy
 * @param liveVariable the variable whose value in the plan is the image put live, or null to guess it from the
 *     variables' names ({@link DeploymentRecord#guessImage})
 * @param candidateVariable the variable whose value in the plan is the other image with servers (a release's
 *     candidate or standby), or null
 * @param check what the plan must satisfy before it is applied
 */
public record Phase(String name, String liveVariable, String candidateVariable, PlanCheck check) {
    /** A plain deploy behind the request's destroy gate. */
    public static final Phase DEPLOY = new Phase(null, null, null, PlanCheck.DESTROY_GATE);
    /** A rollback's redeploy behind the request's destroy gate. */
    public static final Phase ROLLBACK = new Phase(DeploymentRecord.ROLLBACK, null, null, PlanCheck.DESTROY_GATE);

    /** Requires the check. */
    public Phase {
        Objects.requireNonNull(check, "check");
    }

    /**
     * Port: the rule a saved plan must follow before it is applied. Checked after {@code show -json}, also for a plan
     * without changes (a configuration's contract can be checked there); nothing is applied when it throws.
     */
    @FunctionalInterface
    public interface PlanCheck {
        /** The request's {@link DestroyGate}. */
        PlanCheck DESTROY_GATE = (plan, request) -> request.gate().check(plan.summary(), request.names());

        /**
         * @param plan the saved plan
         * @param request the deploy it belongs to
         * @throws DeployException (a {@link DestroyGateException}, a {@link PhaseGateException}, ...) saying what the
         *     plan would do that is not allowed, and how to allow it; the deployer attaches its result
         */
        void check(PlanDocument plan, DeployRequest request);
    }
}
