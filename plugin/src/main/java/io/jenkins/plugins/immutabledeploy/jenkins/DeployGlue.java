package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The mapping shared by {@link ImmutableDeployStep} and {@link ImmutableDeployBuilder}: fields to request, result to values. */
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

    /**
     * Builds the one engine request of a deploy. The folder is resolved against the workspace: the engine
     * runs in the controller's JVM, whose working directory is not the build's.
     *
     * @param o the options
     * @param engine the run
     * @return the request, with credentials read and registered as secrets
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static DeployRequest request(Options o, EngineRun engine) throws AbortException {
        if (Fields.trimToNull(o.getDir()) == null) {
            throw new IllegalArgumentException(Messages.get("Fields.required", "dir"));
        }
        DeployRequest.Builder b = DeployRequest.builder(engine.workspace().child(o.getDir().trim()).getRemote())
                .vars(Fields.pairs("vars", o.getVars()))
                .workspace(Fields.trimToNull(o.getWorkspace()))
                .createWorkspace(o.isCreateWorkspace())
                .backendConfig(Fields.list(o.getBackendConfig()))
                .allowDestroy(o.isAllowDestroy())
                .allowDestroyFirst(o.isAllowDestroyFirst())
                .planOnly(o.isPlanOnly())
                .executable(Fields.trimToNull(o.getTerraform()));
        Fields.list(o.getVarFiles()).forEach(b::varFile);
        Fields.list(o.getAllowDestroyOf()).forEach(b::allowDestroyOf);
        String lock = Fields.trimToNull(o.getLockTimeout());
        b.lockTimeout(lock == null ? null : Durations.parse("lockTimeout", lock));
        String timeout = Fields.trimToNull(o.getTimeout());
        b.timeout(timeout == null ? null : Durations.parse("timeout", timeout));
        if (o.getCredentialsId() != null) {
            String token = CredentialsLookup.secretText(engine.run(), "credentialsId", o.getCredentialsId());
            engine.secrets().add(token);
            b.token(token);
        }
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> secrets = CredentialsLookup.secrets(engine.run(), o.getSecrets(), sources);
        engine.secrets().addAll(secrets.values());
        secrets.forEach((name, value) -> b.secretVar(name, value, sources.get(name)));
        return b.build();
    }

    /**
     * Deploys, keeps the record and the result on the build, and returns the masked result map. A failed
     * deploy is kept on the build too, with what was learnt before it failed.
     *
     * @param o the options
     * @param engine the run
     * @return {@link DeployResult#toMap()}, masked
     * @throws AbortException when a credential is missing or of the wrong type
     */
    static Map<String, Object> deploy(Options o, EngineRun engine) throws AbortException {
        DeployRequest request = request(o, engine);
        try {
            return record(engine, DeploymentAction.DEPLOY, o.getDir().trim(), deployer(engine).deploy(request, engine.cancellation()));
        } catch (DeployException e) {
            if (e.result() != null) {
                record(engine, DeploymentAction.DEPLOY, o.getDir().trim(), e.result());
            }
            throw e;
        }
    }

    static TerraformDeployer deployer(EngineRun engine) {
        return new TerraformDeployer(engine.runner(), new RunRecordStore(engine.run(), engine.workspace()),
                Clock.systemUTC(), engine.environment(), engine.hostFiles());
    }

    /** Keeps a result on the build's action, with the folder and the image (a variable named like {@code image}). */
    static Map<String, Object> record(EngineRun engine, String kind, String dir, DeployResult result) {
        LinkedHashMap<String, Object> map = engine.masked(result.toMap());
        LinkedHashMap<String, Object> shown = new LinkedHashMap<>(map);
        shown.put("dir", dir);
        if (result.deploymentRecord() != null) {
            shown.put("result", result.deploymentRecord().result());
            result.deploymentRecord().vars().entrySet().stream().filter(v -> v.getKey().toLowerCase(Locale.ROOT).contains("image"))
                    .findFirst().ifPresent(v -> shown.put("image", engine.secrets().mask(v.getValue())));
        }
        DeploymentAction.of(engine.run()).add(kind, shown);
        return map;
    }

    /**
     * @param result a masked deploy result map
     * @param secrets the run's secrets
     * @return {@code DEPLOY_CHANGED}, {@code DEPLOY_DRIFT}, {@code DEPLOY_ADD}, {@code DEPLOY_CHANGE},
     *     {@code DEPLOY_REPLACE}, {@code DEPLOY_DESTROY}, {@code DEPLOY_RECORD}, {@code DEPLOY_TOOL},
     *     {@code DEPLOY_TOOL_VERSION} and {@code DEPLOY_OUTPUT_<NAME>} for every non-sensitive output
     */
    static Map<String, String> variables(Map<String, Object> result, SecretMasker secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEPLOY_CHANGED", String.valueOf(result.get("changed")));
        env.put("DEPLOY_DRIFT", String.valueOf(result.get("drift")));
        Map<?, ?> summary = (Map<?, ?>) result.get("summary");
        for (String k : List.of("add", "change", "replace", "destroy")) {
            env.put("DEPLOY_" + k.toUpperCase(Locale.ROOT), String.valueOf(summary.get(k) == null ? 0 : summary.get(k)));
        }
        env.put("DEPLOY_RECORD", String.valueOf(result.get("record")));
        env.put("DEPLOY_TOOL", String.valueOf(result.get("tool")));
        env.put("DEPLOY_TOOL_VERSION", String.valueOf(result.get("toolVersion")));
        ((Map<?, ?>) result.get("outputs")).forEach((name, value) -> {
            String text = value instanceof String s ? s : json(value);
            if (!text.equals(SecretMasker.MASK)) {
                env.put("DEPLOY_OUTPUT_" + name.toString().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
                        secrets.mask(text));
            }
        });
        return env;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
