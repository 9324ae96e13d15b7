package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * Checks endpoints until they are healthy; when asked to, rolls the deployment back when they are not, and verifies
 * the version returned to with the same checks. A failed verification is a result, not an exception: the release
 * failed even when the rollback succeeded, and the caller decides how the run ends.
 */
public final class VerifyOrRollBack {
    private VerifyOrRollBack() {}

    /**
     * What to check, and what to roll back when the checks fail.
     *
     * @param checks the endpoints and what counts as healthy
     * @param rollBack whether to roll back when verification fails
     * @param redeploy the configuration that was deployed, or null: its newest deployment is marked with the
     *     verdict (verified healthy, or failed its checks); with {@code rollBack} also the redeploy's settings
     */
    public record Request(VerifyRequest checks, boolean rollBack, DeployRequest redeploy) {
        /** Checks that a rollback knows what to redeploy, naming the fields as the caller does. */
        public Request {
            Objects.requireNonNull(checks, "checks");
            Vocabulary n = checks.names();
            if (rollBack && redeploy == null) {
                throw new IllegalArgumentException(n.name("rollback") + ": needs " + n.name("dir") + ", the"
                        + " Terraform/OpenTofu configuration folder whose previous deployment to redeploy");
            }
        }

        /**
         * @param checks what to check
         * @return a request that only verifies
         */
        public static Request verify(VerifyRequest checks) {
            return new Request(checks, false, null);
        }
    }

    /**
     * A verification, and the rollback that followed it when it failed.
     *
     * @param verification the verification
     * @param rollback what the rollback did, or null when none was asked for or needed
     */
    public record Result(VerifyResult verification, RollbackOutcome rollback) {
        /** Requires the verification. */
        public Result {
            Objects.requireNonNull(verification, "verification");
        }

        /** @return whether every endpoint became healthy; false after a rollback, however it went */
        public boolean healthy() {
            return verification.healthy();
        }

        /** @return whether a cancel (abort, Ctrl-C) stopped the verification before it decided */
        public boolean cancelled() {
            return verification.cancelled();
        }

        /** @return the URLs of the endpoints that did not become healthy */
        public List<String> failedUrls() {
            return verification.failedUrls();
        }

        /** @return the lines for people: the endpoints, and what the rollback did */
        public String summary() {
            return verification.summary() + (rollback == null ? "" : System.lineSeparator() + rollback.summary());
        }

        /**
         * The result as the CLI's {@code --json} object and the Pipeline step's return value: the verification's
         * keys and, when a rollback was attempted, the rollback's ({@link RollbackOutcome#toMap()}).
         *
         * @return the map
         */
        public LinkedHashMap<String, Object> toMap() {
            LinkedHashMap<String, Object> m = verification.toMap();
            if (rollback != null) {
                m.putAll(rollback.toMap());
            }
            return m;
        }
    }

    /**
     * Verifies and, when that fails and a rollback was asked for, rolls back and verifies the version returned to.
     *
     * @param request what to check and roll back
     * @param context the run
     * @return the verification, and the rollback's outcome when one was attempted
     */
    public static Result run(Request request, RunContext context) {
        HealthChecks.requireCaFile(request.checks(), context);
        VerifyResult verified = HealthChecks.verify(request.checks(), context);
        if (request.redeploy() != null) {
            Rollbacks.markCurrent(request.redeploy(), verified, context);
        }
        Result result = new Result(verified, null);
        if (!verified.healthy() && request.rollBack()) {
            if (verified.cancelled()) {
                context.log().warn("Verification was cancelled: no rollback");
            } else {
                context.log().error("Verification failed; rolling back");
                result = new Result(verified, Rollbacks.rollBack(request.redeploy(), null, request.checks(), context));
            }
        }
        context.record(RunContext.Journal.VERIFY, result.toMap());
        return result;
    }
}
