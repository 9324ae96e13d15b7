package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.SkipIfExists;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.packer.OnError;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerBaker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mapping shared by {@link BakeImageStep} and {@link BakeImageBuilder}: fields to request, result to values. */
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

    /**
     * Builds the one engine request of a bake.
     *
     * @param f the options
     * @param engine the run
     * @return the request, with credentials read and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static BakeRequest request(Options f, EngineRun engine) throws AbortException {
        if (Fields.trimToNull(f.getTemplate()) == null) {
            throw new IllegalArgumentException(Messages.get("Fields.required", "template"));
        }
        if (f.isSkipIfExists() && Fields.trimToNull(f.getImageName()) == null) {
            throw new IllegalArgumentException(Messages.get("BakeImage.skipNeedsName"));
        }
        if (f.isSkipIfExists() && f.getCredentialsId() == null) {
            throw new IllegalArgumentException(Messages.get("BakeImage.skipNeedsToken"));
        }
        BakeRequest.Builder b = BakeRequest.builder(f.getTemplate().trim())
                .packer(engine.tool(f.getPacker(), "packer"))
                .workingDirectory(engine.workspace().getRemote())
                .vars(Fields.pairs("vars", f.getVars()))
                .only(Fields.list(f.getOnly()))
                .except(Fields.list(f.getExcept()))
                .onError(OnError.parse("onError", f.getOnError()));
        Fields.list(f.getVarFiles()).forEach(b::varFile);
        String timeout = Fields.trimToNull(f.getTimeout());
        if (timeout != null) {
            b.timeout(Durations.parse("timeout", timeout));
        }
        if (f.getCredentialsId() != null) {
            String token = CredentialsLookup.secretText(engine.run(), "credentialsId", f.getCredentialsId());
            engine.secrets().add(token);
            b.cloudToken(token);
        }
        Map<String, String> secrets = CredentialsLookup.secrets(engine.run(), f.getSecrets());
        engine.secrets().addAll(secrets.values());
        secrets.forEach(b::secretVar);
        return b.build();
    }

    /**
     * Bakes (or, with {@code skipIfExists}, finds the snapshot already baked), records the image on the build and
     * returns the masked result map.
     *
     * @param f the options
     * @param engine the run
     * @return {@link BakeResult#toMap()}, masked
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static Map<String, Object> bake(Options f, EngineRun engine) throws AbortException {
        BakeRequest request = request(f, engine);
        BakeResult result = existing(f, request, engine)
                .orElseGet(() -> new PackerBaker(engine.hostFiles()).bake(request, engine.runner(), engine.cancellation()));
        LinkedHashMap<String, Object> map = engine.masked(result.toMap());
        DeploymentAction.of(engine.run()).add(DeploymentAction.BAKE, map);
        return map;
    }

    /**
     * With {@code skipIfExists}: the snapshot named {@code imageName}, if DigitalOcean has one.
     *
     * @param f the options
     * @param request the bake request, holding the token
     * @param engine the run
     * @return the existing snapshot as a skipped bake, or empty when Packer has to run
     */
    static Optional<BakeResult> existing(Options f, BakeRequest request, EngineRun engine) {
        if (!f.isSkipIfExists()) {
            return Optional.empty();
        }
        String name = f.getImageName().trim();
        Optional<BakeResult> found = SkipIfExists.check(
                engine.digitalOcean(request.cloudToken(), f.getCredentialsId(), f.getApiUrl()), name);
        engine.log().info(found.map(r -> Messages.get("BakeImage.skipped", name, r.artifactId()))
                .orElseGet(() -> Messages.get("BakeImage.notFound", name)));
        return found;
    }

    /**
     * @param result a masked bake result map
     * @return {@code IMAGE_ID}, {@code IMAGE_NAME}, {@code IMAGE_REGIONS} (comma separated),
     *     {@code IMAGE_ARTIFACT_ID}, {@code IMAGE_BUILDER}
     */
    static Map<String, String> variables(Map<String, Object> result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IMAGE_ID", String.valueOf(result.get("id")));
        env.put("IMAGE_NAME", String.valueOf(result.get("name")));
        env.put("IMAGE_REGIONS", String.join(",", ((List<?>) result.get("regions")).stream().map(String::valueOf).toList()));
        env.put("IMAGE_ARTIFACT_ID", String.valueOf(result.get("artifactId")));
        env.put("IMAGE_BUILDER", String.valueOf(result.get("builder")));
        return env;
    }
}
