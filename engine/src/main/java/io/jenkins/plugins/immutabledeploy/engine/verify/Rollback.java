package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.util.Objects;

/**
 * Returns a deployment to its previous version: plan ({@link RollbackPlanner}), redeploy
 * ({@link Redeployer}), then verify the redeployed version with the same checks. Also the one
 * entry point for "verify, and roll back when that fails".
 */
public final class Rollback {
    private final Redeployer redeployer;
    private final HealthVerifier verifier;

    /**
     * @param redeployer deploys a record's inputs again
     * @param verifier checks health
     */
    public Rollback(Redeployer redeployer, HealthVerifier verifier) {
        this.redeployer = Objects.requireNonNull(redeployer, "redeployer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Verifies, and when verification fails, rolls back and verifies the rollback. The result's
     * {@code healthy} stays false after a successful rollback: the release failed.
     *
     * @param checks what to check
     * @param where which deployment to roll back
     * @param log the run's log
     * @param cancellation the run's cancel signal; a cancelled verification is not rolled back
     * @return the verification's result, with the rollback's outcome when one was attempted
     */
    public VerifyResult verifyOrRollBack(VerifyRequest checks, RollbackRequest where, BuildLog log,
            Cancellation cancellation) {
        VerifyResult result = verifier.verify(checks, log, cancellation);
        if (result.healthy()) {
            return result;
        }
        if (result.cancelled()) {
            log.warn("Verification was cancelled: no rollback");
            return result;
        }
        log.error("Verification failed; rolling back");
        return result.withRollback(rollBack(where, checks, log, cancellation));
    }

    /**
     * Rolls back and, when checks are given, verifies the version returned to.
     *
     * @param where which deployment to roll back, and to what
     * @param checks what to check afterwards, or null to skip verification
     * @param log the run's log
     * @param cancellation the run's cancel signal
     * @return what happened; "nothing to roll back to" and "the redeploy failed" are outcomes too
     * @throws IllegalArgumentException when an explicit target names no record or a failed one
     */
    public RollbackOutcome rollBack(RollbackRequest where, VerifyRequest checks, BuildLog log, Cancellation cancellation) {
        RollbackPlanner.Plan plan = RollbackPlanner.plan(where);
        if (!plan.possible()) {
            log.error("Rollback: " + plan.message());
            return RollbackOutcome.notPossible(plan.message());
        }
        log.info("Rollback: " + plan.message());
        try {
            redeployer.redeploy(plan.target(), log, cancellation);
        } catch (EngineException | IllegalArgumentException e) {
            // A failed redeploy (or a record whose secret cannot be read again) is part of the
            // outcome: the caller must still learn that verification failed.
            String msg = "redeploying record " + plan.target().id() + " failed: " + log.secrets().mask(e.getMessage());
            log.error("Rollback: " + msg);
            return new RollbackOutcome(false, plan.target(), null, msg, null);
        }
        if (checks == null) {
            String msg = "rolled back to record " + plan.target().id() + "; not verified (no checks given)";
            log.info("Rollback: " + msg);
            return new RollbackOutcome(true, plan.target(), null, msg, null);
        }
        log.info("Rollback: verifying the version rolled back to");
        VerifyResult again = verifier.verify(checks, log, cancellation);
        String msg = "rolled back to record " + plan.target().id() + " (deployed " + plan.target().time() + "); "
                + (again.healthy() ? "it verified healthy" : "it is NOT healthy either: "
                        + again.failed().size() + " endpoint(s) failed");
        if (again.healthy()) {
            log.info("Rollback: " + msg);
        } else {
            log.error("Rollback: " + msg);
        }
        return new RollbackOutcome(true, plan.target(), again.healthy(), msg, again);
    }
}
