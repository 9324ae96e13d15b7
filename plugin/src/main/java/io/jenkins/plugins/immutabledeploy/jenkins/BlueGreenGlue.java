package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen;
import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseChecks;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The mapping shared by {@link BlueGreenDeployStep} and {@link BlueGreenDeployBuilder}: fields to request, result to variables. */
final class BlueGreenGlue {
    private BlueGreenGlue() {}

    /** The fields of both: the deploy's (each phase's limit is {@code deployTimeout}), the checks', the release's. */
    interface Options {
        String getImage();

        /** @return the deploy settings every phase runs with; their {@code timeout} is {@code deployTimeout} */
        DeployGlue.Options deploy();

        /** @return the checks' settings; their URLs are the configuration's outputs */
        VerifyGlue.Options checks();

        String getHealthPath();

        String getLiveVar();

        String getCandidateVar();

        String getUrlOutput();

        String getCandidateUrlOutput();

        String getKeepStandby();
    }

    /** The step's names for the request's fields: each phase's time limit is {@code deployTimeout}. */
    static final Vocabulary NAMES = DeployGlue.NAMES.with(Map.of("timeout", "deployTimeout"));

    /**
     * Releases the image; every phase's record, every check and the outcome go on the build. A discard or a switch
     * back is a result: the caller exports what it needs, then {@link #failIfNotPromoted fails}.
     *
     * @param o the options
     * @param engine the run
     * @return how the release ended
     * @throws AbortException when a credential is missing or of the wrong type, the CA file cannot be fetched, or the
     *     node is not Unix
     */
    static BlueGreen.Result release(Options o, EngineRun engine) throws AbortException {
        engine.requireUnix();
        DeployRequest deploy = DeployGlue.builder(o.deploy(), engine).names(NAMES).build();
        ReleaseChecks checks = new ReleaseChecks(VerifyGlue.checks(o.checks(), VerifyGlue.NAMES, engine),
                o.getHealthPath());
        String keep = Fields.trimToNull(o.getKeepStandby());
        BlueGreen.Request request = new BlueGreen.Request(deploy, o.getImage(), checks, new BlueGreen.Contract(
                o.getLiveVar(), o.getCandidateVar(), o.getUrlOutput(), o.getCandidateUrlOutput(), NAMES),
                keep == null ? null : Durations.parse("keepStandby", keep));
        return BlueGreen.run(request, engine.context());
    }

    /**
     * Fails the step or build step when the release did not end promoted and healthy, as the CLI exits with 3; the
     * result stays on the build's {@link DeploymentAction} and in the log.
     *
     * @param result how the release ended
     * @throws AbortException saying what happened
     */
    static void failIfNotPromoted(BlueGreen.Result result) throws AbortException {
        if (!result.succeeded()) {
            throw new AbortException(Messages.get("BlueGreen.failed", result.candidate(), result.outcome(),
                    result.message()));
        }
    }

    /**
     * @param result how the release ended
     * @return {@code RELEASE_OUTCOME}, {@code RELEASE_HEALTHY}, {@code RELEASE_LIVE}, {@code RELEASE_CANDIDATE},
     *     {@code RELEASE_PHASES} (comma separated), {@code RELEASE_RECORD} (the last phase's record: what
     *     {@code rollbackDeploy(to:)} takes), {@code RELEASE_RESTORE_SECONDS} (after a switch back), and
     *     {@code RELEASE_OUTPUT_<NAME>} for every non-sensitive output after the last phase
     */
    static Map<String, String> variables(BlueGreen.Result result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RELEASE_OUTCOME", result.outcome());
        env.put("RELEASE_HEALTHY", String.valueOf(result.healthy()));
        env.put("RELEASE_LIVE", result.live());
        env.put("RELEASE_CANDIDATE", result.candidate());
        env.put("RELEASE_PHASES", result.phases().stream().map(BlueGreen.PhaseResult::name)
                .collect(Collectors.joining(",")));
        env.put("RELEASE_RECORD", result.phases().isEmpty() ? ""
                : result.phases().get(result.phases().size() - 1).deploy().record());
        env.put("RELEASE_RESTORE_SECONDS", result.restoreSeconds() == null ? "" : result.restoreSeconds().toString());
        result.outputs().forEach((name, value) -> {
            if (!SecretMasker.MASK.equals(value)) {
                env.put("RELEASE_OUTPUT_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
                        value instanceof String s ? s : Json.write(value));
            }
        });
        return env;
    }
}
