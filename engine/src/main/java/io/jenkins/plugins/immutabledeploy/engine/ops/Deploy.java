package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.Phase;
import io.jenkins.plugins.immutabledeploy.engine.terraform.TerraformDeployer;
import java.util.LinkedHashMap;
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
        return run(request, context, kind,
                RunContext.Journal.ROLLBACK.equals(kind) ? Phase.ROLLBACK : Phase.DEPLOY);
    }

    /**
     * Deploys one kind of deploy (a phase of a release, a rollback's redeploy): the phase's check gates the plan and
     * its record says which phase it was.
     *
     * @param request what to deploy
     * @param context the run
     * @param kind the journal entry's kind
     * @param phase the kind of deploy
     * @return what was done
     */
    static DeployResult run(DeployRequest request, RunContext context, String kind, Phase phase) {
        TerraformDeployer deployer = new TerraformDeployer(context.runner(), context.records(), context.clock(),
                context.toolEnvironment(), context.files());
        try {
            DeployResult result = deployer.deploy(request, phase, context.cancellation());
            context.record(kind, page(request, result));
            return result;
        } catch (DeployException e) {
            if (e.result() != null) {
                context.record(kind, page(request, e.result()));
            }
            throw e;
        }
    }

    /**
     * The result's map with the folder as the caller gave it, the record's result, the image it put live and, for a
     * release's phase, the phase.
     */
    private static Map<String, Object> page(DeployRequest request, DeployResult result) {
        Map<String, Object> page = new LinkedHashMap<>(result.toMap());
        page.put("dir", request.dir());
        DeploymentRecord r = result.deploymentRecord();
        if (r != null) {
            page.put("result", r.result());
            if (r.image() != null) {
                page.put("image", r.image());
            }
            if (r.phase() != null) {
                page.put("phase", r.phase());
            }
        }
        return page;
    }
}
