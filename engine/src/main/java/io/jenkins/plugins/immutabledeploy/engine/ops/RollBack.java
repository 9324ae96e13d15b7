package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.Objects;

/**
 * Redeploys the previous successful deployment of a configuration (or the record asked for) and, when checks are
 * given, verifies the version returned to. The redeploy is a deploy like any other: it writes a record of its own and
 * goes into the journal.
 */
public final class RollBack {
    private RollBack() {}

    /**
     * What to roll back.
     *
     * @param redeploy the configuration's folder and workspace, and the settings the redeploy runs with (tool, token,
     *     gate, limits); its variables come from the record returned to, so it holds none
     * @param to the id of the record to return to, or null for the previous successful one
     * @param checks the checks of the version returned to, or null to skip them
     */
    public record Request(DeployRequest redeploy, String to, VerifyRequest checks) {
        /** Refuses variables: a rollback deploys those its record holds. */
        public Request {
            Objects.requireNonNull(redeploy, "redeploy");
            Vocabulary n = redeploy.names();
            if (!redeploy.vars().isEmpty() || !redeploy.varFiles().isEmpty()) {
                throw new IllegalArgumentException(n.name("vars") + ": a rollback deploys the variables its record"
                        + " holds; remove " + n.name("vars") + " and " + n.name("varFiles") + " (use " + n.name("to")
                        + " to choose the record)");
            }
            to = to == null || to.isBlank() ? null : to.trim();
        }
    }

    /**
     * Rolls back.
     *
     * @param request what to roll back, and to what
     * @param context the run; the records are read from its record store
     * @return what happened: whether it redeployed, to which record, and whether that verified healthy
     * @throws IllegalArgumentException when {@code to} names no record, or a failed one
     */
    public static RollbackOutcome run(Request request, RunContext context) {
        HealthChecks.requireCaFile(request.checks(), context);
        return Rollbacks.rollBack(request.redeploy(), request.to(), request.checks(), context);
    }
}
