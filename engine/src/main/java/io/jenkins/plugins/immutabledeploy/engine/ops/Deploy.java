package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Deploys a Terraform/OpenTofu configuration the immutable way ({@link TerraformDeployer}: a saved plan, the destroy
 * gate, apply exactly that plan) and keeps the outcome in the journal, a failed one too, with what was learnt before
 * it failed.
 */
public final class Deploy {
    private Deploy() {}

    /**
     * Deploys.
     *
     * @param request what to deploy
     * @param context the run; the deployment record goes to its record store
     * @return what was done; a plan without changes and a plan-only run with drift are results
     * @throws DeployException when init, plan or apply fails, the gate stops it, or it is cancelled; it carries the
     *     partial result
     */
    public static DeployResult run(DeployRequest request, RunContext context) {
        return run(request, context, RunContext.Journal.DEPLOY);
    }

    /**
     * Deploys, recording the outcome under a kind of its own (a rollback's redeploy is a deploy too).
     *
     * @param request what to deploy
     * @param context the run
     * @param kind the journal entry's kind
     * @return what was done
     */
    static DeployResult run(DeployRequest request, RunContext context, String kind) {
        TerraformDeployer deployer = new TerraformDeployer(context.runner(), context.records(), context.clock(),
                context.toolEnvironment(), context.files());
        try {
            DeployResult result = deployer.deploy(request, context.cancellation());
            context.record(kind, page(request, result));
            return result;
        } catch (DeployException e) {
            if (e.result() != null) {
                context.record(kind, page(request, e.result()));
            }
            throw e;
        }
    }

    /** The result's map with the folder as the caller gave it, the record's result and the image it deployed. */
    private static Map<String, Object> page(DeployRequest request, DeployResult result) {
        Map<String, Object> page = new LinkedHashMap<>(result.toMap());
        page.put("dir", request.dir());
        if (result.deploymentRecord() != null) {
            page.put("result", result.deploymentRecord().result());
            // The image is one of the variables: the first whose name says so.
            result.deploymentRecord().vars().entrySet().stream()
                    .filter(v -> v.getKey().toLowerCase(Locale.ROOT).contains("image")).findFirst()
                    .ifPresent(v -> page.put("image", v.getValue()));
        }
        return page;
    }
}
