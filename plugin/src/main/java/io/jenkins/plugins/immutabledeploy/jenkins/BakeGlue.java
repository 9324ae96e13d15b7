package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.BakeOrReuse;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping shared by {@link BakeImageStep} and {@link BakeImageBuilder}: fields to request, result to variables. */
final class BakeGlue {
    private BakeGlue() {}

    /** The fields of both. */
    interface Options {
        String getTemplate();

        String getVars();

        String getVarFiles();

        String getOnly();

        String getExcept();

        String getOnError();

        String getTimeout();

        String getPacker();

        String getCredentialsId();

        List<SecretBinding> getSecrets();

        boolean isSkipIfExists();

        String getImageName();

        String getApiUrl();
    }

    /** The step's names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.FIELDS.with(Map.of("executable", "packer", "token", "credentialsId",
            "secretVars", "secrets"));

    /**
     * Builds the one engine request of a bake.
     *
     * @param f the options
     * @param engine the run
     * @return the request, with credentials read and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static BakeOrReuse.Request request(Options f, EngineRun engine) throws AbortException {
        BakeRequest.Builder b = BakeRequest.builder(Fields.trimToNull(f.getTemplate()))
                .names(NAMES)
                .executable(f.getPacker())
                .workingDirectory(engine.workspace().getRemote())
                .vars(Fields.pairs("vars", f.getVars()))
                .only(Fields.list(f.getOnly()))
                .except(Fields.list(f.getExcept()))
                .onError(f.getOnError())
                .timeout(f.getTimeout())
                .token(engine.secretText("credentialsId", f.getCredentialsId()));
        Fields.list(f.getVarFiles()).forEach(b::varFile);
        engine.secrets(f.getSecrets(), new LinkedHashMap<>()).forEach(b::secretVar);
        return new BakeOrReuse.Request(b.build(), f.isSkipIfExists(), f.getImageName(), f.getApiUrl(),
                f.getCredentialsId());
    }

    /**
     * Bakes (or, with {@code skipIfExists}, finds the snapshot already baked); the image goes on the build page.
     *
     * @param f the options
     * @param engine the run
     * @return the image
     * @throws AbortException when a credential is missing or of the wrong type, or the node is not Unix
     */
    static BakeResult bake(Options f, EngineRun engine) throws AbortException {
        engine.requireUnix();
        return BakeOrReuse.run(request(f, engine), engine.context());
    }

    /**
     * @param result the image
     * @return {@code IMAGE_ID}, {@code IMAGE_NAME}, {@code IMAGE_REGIONS} (comma separated),
     *     {@code IMAGE_ARTIFACT_ID}, {@code IMAGE_BUILDER}
     */
    static Map<String, String> variables(BakeResult result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IMAGE_ID", result.id());
        env.put("IMAGE_NAME", result.name());
        env.put("IMAGE_REGIONS", String.join(",", result.regions()));
        env.put("IMAGE_ARTIFACT_ID", result.artifactId());
        env.put("IMAGE_BUILDER", result.builderId());
        return env;
    }
}
