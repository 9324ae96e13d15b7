package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.verify.EndpointResult;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthCheck;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * A verification as outbound calls of the run ({@link RunContext#network()}): made where the run's network calls are
 * made, with the CA file of that machine. Shared by {@link VerifyOrRollBack} and {@link Rollbacks}.
 */
final class HealthChecks {
    private HealthChecks() {}

    /**
     * Checks that the CA file is there, on the machine of the run's files (where the checks are made): before
     * anything runs, so a rollback does not redeploy first and then find it cannot verify.
     *
     * @param checks the verification, or null
     * @param context the run
     * @throws IllegalArgumentException naming the field when it is not a file
     */
    static void requireCaFile(VerifyRequest checks, RunContext context) {
        if (checks == null || checks.caFile() == null) {
            return;
        }
        boolean there;
        try {
            there = context.files().isFile(checks.caFile().toString());
        } catch (IOException e) {
            throw new EngineException(context.secrets().mask(checks.names().name("caFile") + ": cannot check "
                    + checks.caFile() + ": " + e.getMessage()), e);
        }
        if (!there) {
            throw new IllegalArgumentException(checks.names().name("caFile") + ": " + checks.caFile()
                    + " is not a file; give a PEM file of CA certificates");
        }
    }

    /**
     * Verifies through the run's network port.
     *
     * @param checks what to check
     * @param context the run
     * @return the outcome; a cancelled one when the run was cancelled before the answer came
     */
    static VerifyResult verify(VerifyRequest checks, RunContext context) {
        return context.call("the health checks", new Verify(checks));
    }

    private record Verify(VerifyRequest request) implements RunContext.Work<VerifyResult> {
        @Override
        public VerifyResult make(BuildLog log, Cancellation cancellation, OkHttpClient http) {
            return new HealthVerifier(http).verify(request, log, cancellation);
        }

        /** Every endpoint undecided, as a verification cancelled before its first answer reports it. */
        @Override
        public VerifyResult cancelled() {
            return new VerifyResult(false, request.checks().stream().map(HealthCheck::url)
                    .map(url -> new EndpointResult(url.toString(), false, 0, 0, null, null, null, null, "cancelled"))
                    .toList(), Duration.ZERO, true);
        }

        /** Never the headers: some are secrets. */
        @Override
        public String toString() {
            return "verify " + request.checks();
        }
    }
}
