package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord.Verification;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackPlanner;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Returns a deployment to an earlier version: plan ({@link RollbackPlanner}), redeploy the chosen record with the
 * deploy engine, then verify the version returned to with the same checks. Shared by {@link RollBack} and
 * {@link VerifyOrRollBack}.
 */
final class Rollbacks {
    private Rollbacks() {}

    /**
     * Rolls back and, when checks are given, verifies the version returned to.
     *
     * @param redeploy the deploy settings (folder, workspace, tool, token, gate, limits) the redeploy runs with
     * @param to the record to return to, or null for the previous successful one
     * @param checks what to check afterwards, or null to skip verification
     * @param context the run
     * @return what happened; "nothing to roll back to" and "the redeploy failed" are outcomes too
     * @throws IllegalArgumentException when {@code to} names no record or a failed one
     */
    static RollbackOutcome rollBack(DeployRequest redeploy, String to, VerifyRequest checks, RunContext context) {
        BuildLog log = context.log();
        RollbackPlanner.Plan plan = RollbackPlanner.plan(context.records(),
                new RollbackRequest(redeploy.dir(), redeploy.workspaceOrDefault(), to, null, redeploy.names()));
        if (!plan.possible()) {
            log.error("Rollback: " + plan.message());
            return RollbackOutcome.notPossible(plan.message());
        }
        log.info("Rollback: " + plan.message());
        DeploymentRecord target = plan.target();
        DeploymentRecord redeployed;
        try {
            redeployed = Deploy.run(redeploy.redeploy(target, secretValues(target, context)), context,
                    RunContext.Journal.ROLLBACK).deploymentRecord();
        } catch (EngineException | IllegalArgumentException e) {
            // A failed redeploy (or a record whose secret cannot be read again) is part of the outcome: the caller
            // must still learn that verification failed.
            String msg = "redeploying record " + target.id() + " failed: " + context.secrets().mask(e.getMessage());
            log.error("Rollback: " + msg);
            return new RollbackOutcome(false, target, null, msg, null);
        }
        if (checks == null) {
            String msg = "rolled back to record " + target.id() + "; not verified (no checks given)";
            log.info("Rollback: " + msg);
            return new RollbackOutcome(true, target, null, msg, null);
        }
        log.info("Rollback: verifying the version rolled back to");
        VerifyResult again = HealthChecks.verify(checks, context);
        if (!again.cancelled()) {
            context.records().update(redeployed.withVerification(new Verification(context.clock().instant(),
                    redeployed.image(), Verification.STABLE, again.healthy())));
        }
        String msg = "rolled back to record " + target.id() + " (deployed " + target.time() + "); "
                + (again.healthy() ? "it verified healthy" : "it is NOT healthy either: "
                        + again.failed().size() + " endpoint(s) failed");
        if (again.healthy()) {
            log.info("Rollback: " + msg);
        } else {
            log.error("Rollback: " + msg);
        }
        return new RollbackOutcome(true, target, again.healthy(), msg, again);
    }

    /**
     * Marks what is live now in a configuration with the verdict of checks that were run against it, so rollbacks
     * choose among releases that passed and never return to one that failed.
     *
     * @param where the configuration's folder and workspace
     * @param verified what the checks said; a cancelled verification says nothing
     * @param context the run
     */
    static void markCurrent(DeployRequest where, VerifyResult verified, RunContext context) {
        if (verified.cancelled()) {
            return;
        }
        DeploymentRecord current = RollbackPlanner.current(context.records().list(where.dir(), where.workspaceOrDefault()));
        if (current == null) {
            context.log().info("No deployment record of " + where.dir() + " to mark as " + (verified.healthy()
                    ? "verified healthy" : "failed"));
            return;
        }
        context.records().update(current.withVerification(new Verification(context.clock().instant(), current.image(),
                Verification.STABLE, verified.healthy())));
        context.log().info("Marked record " + current.id() + " of " + where.dir() + (verified.healthy()
                ? " as verified healthy" : " as having failed its checks: a rollback never returns to it"));
    }

    /** The record's secret variables, read again from where it says they came from and registered as secrets. */
    private static Map<String, String> secretValues(DeploymentRecord target, RunContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        target.secretVars().forEach((name, source) -> {
            String value = context.secretSource().value(name, source);
            if (value != null && !value.isEmpty()) {
                // Registered before the deploy starts, so no line of it can show the value.
                context.secrets().add(value);
                values.put(name, value);
            }
        });
        return values;
    }
}
