package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthCheck;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.Redeployer;
import io.jenkins.plugins.immutabledeploy.engine.verify.Rollback;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.StatusRanges;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping shared by {@link VerifyDeployStep} and {@link VerifyDeployBuilder}: fields to request, result to values. */
final class VerifyGlue {
    private VerifyGlue() {}

    /** The fields of both. */
    interface Options {
        String getUrls();

        String getMethod();

        String getHeaders();

        List<SecretBinding> getSecretHeaders();

        String getStatus();

        String getBodyRegex();

        String getJsonPointer();

        String getJsonExpect();

        String getJsonExpectRegex();

        String getAttemptTimeout();

        String getInterval();

        String getInitialDelay();

        int getSuccessThreshold();

        int getFailureThreshold();

        String getTimeout();

        String getCaFile();

        boolean isInsecure();

        boolean isRollback();

        String getDir();

        String getWorkspace();

        String getCredentialsId();

        String getTerraform();
    }

    /**
     * Builds the one engine request of a verification: one check per URL, all with the same settings.
     *
     * @param o the options
     * @param engine the run
     * @return the request, with secret headers read from credentials and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static VerifyRequest request(Options o, EngineRun engine) throws AbortException {
        List<String> urls = Fields.list(o.getUrls());
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("Verify.urlsRequired"));
        }
        Map<String, String> secretHeaders = CredentialsLookup.secrets(engine.run(), o.getSecretHeaders());
        engine.secrets().addAll(secretHeaders.values());
        StatusRanges status = StatusRanges.parse("status", o.getStatus());
        String caFile = Fields.trimToNull(o.getCaFile());
        VerifyRequest.Builder b = VerifyRequest.builder().insecure(o.isInsecure())
                .caFile(caFile == null ? null : caFileOnController(engine, caFile));
        for (String url : urls) {
            HealthCheck.Builder c = HealthCheck.builder(url)
                    .method(o.getMethod())
                    .status(status)
                    .bodyRegex(Fields.trimToNull(o.getBodyRegex()))
                    .jsonPointer(Fields.trimToNull(o.getJsonPointer()))
                    .jsonExpect(Fields.trimToNull(o.getJsonExpect()))
                    .jsonExpectRegex(Fields.trimToNull(o.getJsonExpectRegex()))
                    .attemptTimeout(Durations.parse("attemptTimeout", o.getAttemptTimeout()))
                    .interval(Durations.parse("interval", o.getInterval()))
                    .initialDelay(Durations.parse("initialDelay", o.getInitialDelay()))
                    .successThreshold(o.getSuccessThreshold())
                    .failureThreshold(o.getFailureThreshold())
                    .timeout(Durations.parse("timeout", o.getTimeout()));
            Fields.pairs("headers", o.getHeaders()).forEach(c::header);
            secretHeaders.forEach(c::secretHeader);
            b.check(c.build());
        }
        return b.build();
    }

    /** The health checks run from the controller, so a CA file in an agent's workspace is fetched first. */
    private static Path caFileOnController(EngineRun engine, String caFile) throws AbortException {
        try {
            return engine.localCopy(caFile);
        } catch (IOException e) {
            throw new AbortException(Messages.get("Verify.caFileUnreadable", caFile, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortException(Messages.get("Verify.caFileUnreadable", caFile, "interrupted"));
        }
    }

    /**
     * Verifies; with {@code rollback}, rolls the deployment of {@code dir} back when verification fails.
     *
     * @param o the options
     * @param engine the run
     * @return {@link VerifyResult#toMap()}, masked
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static Map<String, Object> verify(Options o, EngineRun engine) throws AbortException {
        Redeployer redeployer = Redeploy.on(engine, o.getCredentialsId(), o.getTerraform());
        VerifyRequest request = request(o, engine);
        VerifyResult result;
        if (o.isRollback()) {
            if (Fields.trimToNull(o.getDir()) == null) {
                throw new IllegalArgumentException(Messages.get("Verify.rollbackNeedsDir"));
            }
            RollbackRequest where = new RollbackRequest(new RunRecordStore(engine.run(), engine.workspace()),
                    o.getDir().trim(), o.getWorkspace(), null, null);
            result = new Rollback(redeployer, new HealthVerifier(JenkinsHttp.client())).verifyOrRollBack(request, where, engine.log(),
                    engine.cancellation());
        } else {
            result = new HealthVerifier(JenkinsHttp.client()).verify(request, engine.log(), engine.cancellation());
        }
        engine.log().info(result.summary());
        LinkedHashMap<String, Object> map = engine.masked(result.toMap());
        DeploymentAction.of(engine.run()).add(DeploymentAction.VERIFY, map);
        return map;
    }

    /**
     * Fails the step or build step when verification failed, as the CLI exits with 3; the result stays on the
     * build's {@link DeploymentAction} and in the log.
     *
     * @param result a masked verification result map
     * @throws AbortException naming the endpoints that did not become healthy, and what the rollback did
     */
    static void failIfUnhealthy(Map<String, Object> result) throws AbortException {
        if (!Boolean.TRUE.equals(result.get("healthy"))) {
            Object rollback = result.get("rollbackMessage");
            throw new AbortException(Messages.get("Verify.failed", variables(result).get("VERIFY_FAILED_URLS"))
                    + (rollback == null ? "" : " Rollback: " + rollback));
        }
    }

    /**
     * @param result a masked verification result map
     * @return {@code VERIFY_HEALTHY}, {@code VERIFY_FAILED_URLS} and, after a rollback, {@code ROLLED_BACK},
     *     {@code ROLLBACK_HEALTHY}
     */
    static Map<String, String> variables(Map<String, Object> result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VERIFY_HEALTHY", String.valueOf(result.get("healthy")));
        StringBuilder failed = new StringBuilder();
        for (Object e : (List<?>) result.get("endpoints")) {
            Map<?, ?> m = (Map<?, ?>) e;
            if (!Boolean.TRUE.equals(m.get("healthy"))) {
                failed.append(failed.length() == 0 ? "" : ",").append(m.get("url"));
            }
        }
        env.put("VERIFY_FAILED_URLS", failed.toString());
        if (result.containsKey("rolledBack")) {
            env.put("ROLLED_BACK", String.valueOf(result.get("rolledBack")));
            env.put("ROLLBACK_HEALTHY", String.valueOf(result.get("rollbackHealthy")));
        }
        return env;
    }
}
