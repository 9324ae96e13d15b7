package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.VerifyOrRollBack;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping shared by {@link VerifyDeployStep} and {@link VerifyDeployBuilder}: fields to request, result to variables. */
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

    /** The step's names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.FIELDS.with(Map.of("executable", "terraform", "token", "credentialsId"));

    /**
     * Builds the checks of a verification: one per URL, all with the same settings. They are made where the build
     * runs, so the CA file is the one in the workspace, read there.
     *
     * @param o the options
     * @param names the caller's names for them
     * @param engine the run
     * @return the request, with secret headers read from credentials and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type, or a CA file is given without a node
     */
    static VerifyRequest checks(Options o, Vocabulary names, EngineRun engine) throws AbortException {
        String caFile = Fields.trimToNull(o.getCaFile());
        if (caFile != null && engine.workspace() == null) {
            throw new AbortException(Messages.get("Verify.needsNode", names.name("caFile")));
        }
        Map<String, String> secretHeaders = engine.secrets(o.getSecretHeaders(), new LinkedHashMap<>());
        Map<String, String> headers = Fields.pairs(names.name("headers"), o.getHeaders());
        return VerifyRequest.builder().names(names).insecure(o.isInsecure())
                .caFile(caFile == null ? null : Path.of(engine.workspace().child(caFile).getRemote()))
                .urls(Fields.list(o.getUrls()), c -> {
                    c.method(o.getMethod())
                            .status(o.getStatus())
                            .bodyRegex(Fields.trimToNull(o.getBodyRegex()))
                            .jsonPointer(Fields.trimToNull(o.getJsonPointer()))
                            .jsonExpect(Fields.trimToNull(o.getJsonExpect()))
                            .jsonExpectRegex(Fields.trimToNull(o.getJsonExpectRegex()))
                            .attemptTimeout(o.getAttemptTimeout())
                            .interval(o.getInterval())
                            .initialDelay(o.getInitialDelay())
                            .successThreshold(o.getSuccessThreshold())
                            .failureThreshold(o.getFailureThreshold())
                            .timeout(o.getTimeout());
                    headers.forEach(c::header);
                    secretHeaders.forEach(c::secretHeader);
                    return c;
                })
                .build();
    }

    /**
     * Verifies; with {@code rollback}, rolls the deployment of {@code dir} back when verification fails. The outcome
     * goes on the build page and its summary in the log.
     *
     * @param o the options
     * @param engine the run
     * @return the verification, and what the rollback did
     * @throws AbortException when a credential is missing or of the wrong type, or a rollback is asked for without a
     *     node or on a Windows one
     */
    static VerifyOrRollBack.Result verify(Options o, EngineRun engine) throws AbortException {
        if (o.isRollback()) {
            if (engine.workspace() == null) {
                throw new AbortException(Messages.get("Verify.needsNode", "rollback"));
            }
            engine.requireUnix();
        }
        VerifyRequest checks = checks(o, NAMES, engine);
        // A named configuration has its newest record marked with the verdict, with or without a rollback.
        DeployRequest redeploy = Fields.trimToNull(o.getDir()) != null
                ? DeployGlue.request(o.getDir(), o.getWorkspace(), o.getCredentialsId(), o.getTerraform(), engine)
                        .names(NAMES).build()
                : null;
        VerifyOrRollBack.Result result = VerifyOrRollBack.run(new VerifyOrRollBack.Request(checks, o.isRollback(),
                redeploy), engine.context());
        engine.info(result.summary());
        return result;
    }

    /**
     * Fails the step or build step when verification failed, as the CLI exits with 3; the result stays on the
     * build's {@link DeploymentAction} and in the log.
     *
     * @param result the verification
     * @throws AbortException naming the endpoints that did not become healthy, and what the rollback did
     */
    static void failIfUnhealthy(VerifyOrRollBack.Result result) throws AbortException {
        if (!result.healthy()) {
            throw new AbortException(Messages.get("Verify.failed", String.join(",", result.failedUrls()))
                    + (result.rollback() == null ? "" : " Rollback: " + result.rollback().message()));
        }
    }

    /**
     * @param result the verification
     * @return {@code VERIFY_HEALTHY}, {@code VERIFY_FAILED_URLS} and, after a rollback, {@code ROLLED_BACK},
     *     {@code ROLLBACK_HEALTHY}
     */
    static Map<String, String> variables(VerifyOrRollBack.Result result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VERIFY_HEALTHY", String.valueOf(result.healthy()));
        env.put("VERIFY_FAILED_URLS", String.join(",", result.failedUrls()));
        if (result.rollback() != null) {
            env.put("ROLLED_BACK", String.valueOf(result.rollback().rolledBack()));
            env.put("ROLLBACK_HEALTHY", String.valueOf(result.rollback().rollbackHealthy()));
        }
        return env;
    }
}
