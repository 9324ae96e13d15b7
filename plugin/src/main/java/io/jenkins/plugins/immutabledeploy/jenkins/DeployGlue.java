package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.Deploy;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The mapping shared by {@link ImmutableDeployStep} and {@link ImmutableDeployBuilder}: fields to request, result to variables. */
final class DeployGlue {
    private DeployGlue() {}

    /** The fields of both. */
    interface Options {
        String getDir();

        String getVars();

        String getVarFiles();

        List<SecretBinding> getSecrets();

        String getCredentialsId();

        String getWorkspace();

        boolean isCreateWorkspace();

        String getBackendConfig();

        String getLockTimeout();

        boolean isAllowDestroy();

        String getAllowDestroyOf();

        boolean isAllowDestroyFirst();

        boolean isPlanOnly();

        String getTimeout();

        String getTerraform();
    }

    /** The step's names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.FIELDS.with(Map.of("executable", "terraform", "token", "credentialsId",
            "secretVars", "secrets"));

    /**
     * Starts the engine request of a deploy, or of a redeploy: the folder is relative to the workspace, where the tool
     * runs; the engine runs in the controller's JVM, whose working directory is not the build's.
     *
     * @param dir the configuration folder
     * @param workspace the workspace (configuration) to deploy in, or null
     * @param credentialsId the Secret text credential with the cloud token, or null
     * @param terraform the tool's path, or null to look for {@code tofu}, then {@code terraform}
     * @param engine the run
     * @return the request's builder, with the token read and registered as a secret
     * @throws AbortException when the credential is missing or of the wrong type
     */
    static DeployRequest.Builder request(String dir, String workspace, String credentialsId, String terraform,
            EngineRun engine) throws AbortException {
        return DeployRequest.builder(Fields.trimToNull(dir))
                .names(NAMES)
                .workingDirectory(engine.workspace().getRemote())
                .workspace(Fields.trimToNull(workspace))
                .executable(terraform)
                .token(engine.secretText("credentialsId", credentialsId));
    }

    /**
     * Builds the one engine request of a deploy.
     *
     * @param o the options
     * @param engine the run
     * @return the request, with credentials read and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static DeployRequest request(Options o, EngineRun engine) throws AbortException {
        return builder(o, engine).build();
    }

    /**
     * Starts the engine request of a deploy from the options, to be finished by the caller (a release names its
     * fields its own way).
     *
     * @param o the options
     * @param engine the run
     * @return the request's builder, with credentials read and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static DeployRequest.Builder builder(Options o, EngineRun engine) throws AbortException {
        DeployRequest.Builder b = request(o.getDir(), o.getWorkspace(), o.getCredentialsId(), o.getTerraform(), engine)
                .vars(Fields.pairs("vars", o.getVars()))
                .createWorkspace(o.isCreateWorkspace())
                .backendConfig(Fields.list(o.getBackendConfig()))
                .allowDestroy(o.isAllowDestroy())
                .allowDestroyFirst(o.isAllowDestroyFirst())
                .planOnly(o.isPlanOnly())
                .lockTimeout(o.getLockTimeout())
                .timeout(o.getTimeout());
        Fields.list(o.getVarFiles()).forEach(b::varFile);
        Fields.list(o.getAllowDestroyOf()).forEach(b::allowDestroyOf);
        Map<String, String> sources = new LinkedHashMap<>();
        engine.secrets(o.getSecrets(), sources).forEach((name, value) -> b.secretVar(name, value, sources.get(name)));
        return b;
    }

    /**
     * Deploys; the deployment's record and the result (a failed one too) go on the build.
     *
     * @param o the options
     * @param engine the run
     * @return what the deploy did
     * @throws AbortException when a credential is missing or of the wrong type, or the node is not Unix
     */
    static DeployResult deploy(Options o, EngineRun engine) throws AbortException {
        engine.requireUnix();
        return Deploy.run(request(o, engine), engine.context());
    }

    /**
     * @param result what the deploy did
     * @return {@code DEPLOY_CHANGED}, {@code DEPLOY_DRIFT}, {@code DEPLOY_ADD}, {@code DEPLOY_CHANGE},
     *     {@code DEPLOY_REPLACE}, {@code DEPLOY_DESTROY}, {@code DEPLOY_RECORD}, {@code DEPLOY_TOOL},
     *     {@code DEPLOY_TOOL_VERSION} and {@code DEPLOY_OUTPUT_<NAME>} for every non-sensitive output
     */
    static Map<String, String> variables(DeployResult result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEPLOY_CHANGED", String.valueOf(result.changed()));
        env.put("DEPLOY_DRIFT", String.valueOf(result.drift()));
        env.put("DEPLOY_ADD", String.valueOf(result.summary().add()));
        env.put("DEPLOY_CHANGE", String.valueOf(result.summary().change()));
        env.put("DEPLOY_REPLACE", String.valueOf(result.summary().replace()));
        env.put("DEPLOY_DESTROY", String.valueOf(result.summary().destroy()));
        env.put("DEPLOY_RECORD", String.valueOf(result.record()));
        env.put("DEPLOY_TOOL", result.tool());
        env.put("DEPLOY_TOOL_VERSION", result.toolVersion());
        result.outputsAsText().forEach((name, text) -> {
            if (!result.isSensitive(name)) {
                env.put("DEPLOY_OUTPUT_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"), text);
            }
        });
        return env;
    }
}
