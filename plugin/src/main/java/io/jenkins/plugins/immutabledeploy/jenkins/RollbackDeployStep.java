package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code rollbackDeploy dir: 'terraform', urls: 'https://app.example.com/health'}: redeploys the previous
 * successful deployment of {@code dir} (from earlier builds of this job, else the workspace's records), or the
 * record {@code to}, then verifies it when URLs are given. Returns the engine's rollback map.
 */
public final class RollbackDeployStep extends Step implements RollbackGlue.Options {
    private final String dir;
    private String workspace = DeploymentRecord.DEFAULT_WORKSPACE;
    private String to;
    private String credentialsId;
    private String terraform;
    /** The checks of the version returned to; only the common settings are offered, the rest keep the defaults. */
    private final VerifyDeployStep checks = new VerifyDeployStep(null);

    /** @param dir the Terraform/OpenTofu configuration folder whose deployment to roll back */
    @DataBoundConstructor
    public RollbackDeployStep(String dir) {
        this.dir = Fields.trimToNull(dir);
    }

    // @formatter:off
    @Override public String getDir() { return dir; }
    @Override public String getWorkspace() { return workspace; }
    @Override public String getTo() { return to; }
    @Override public String getCredentialsId() { return credentialsId; }
    @Override public String getTerraform() { return terraform; }
    @Override public VerifyGlue.Options checks() { return checks; }
    public String getUrls() { return checks.getUrls(); }
    public String getStatus() { return checks.getStatus(); }
    public String getInterval() { return checks.getInterval(); }
    public int getSuccessThreshold() { return checks.getSuccessThreshold(); }
    public String getVerifyTimeout() { return checks.getTimeout(); }
    @DataBoundSetter public void setWorkspace(String v) { workspace = Fields.trimToNull(v) == null ? DeploymentRecord.DEFAULT_WORKSPACE : v.trim(); }
    @DataBoundSetter public void setTo(String v) { to = Fields.trimToNull(v); }
    @DataBoundSetter public void setCredentialsId(String v) { credentialsId = Fields.trimToNull(v); }
    @DataBoundSetter public void setTerraform(String v) { terraform = Fields.trimToNull(v); }
    @DataBoundSetter public void setUrls(String v) { checks.setUrlsForRollback(v); }
    @DataBoundSetter public void setStatus(String v) { checks.setStatus(v); }
    @DataBoundSetter public void setInterval(String v) { checks.setInterval(v); }
    @DataBoundSetter public void setSuccessThreshold(int v) { checks.setSuccessThreshold(v); }
    @DataBoundSetter public void setVerifyTimeout(String v) { checks.setTimeout(v); }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient RollbackDeployStep step;

        Execution(StepContext context, RollbackDeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            return RollbackGlue.rollBack(step, engine).toMap();
        }
    }

    /** The {@code rollbackDeploy} step, and the form, help and checks of {@link RollbackDeployBuilder} too. */
    @Extension
    @Symbol("rollbackDeploy")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        @Override
        public String getFunctionName() {
            return "rollbackDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("Rollback.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public Set<String> listParameters() {
            return Set.of("urls");
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRequired("dir", value)); }
        @POST public FormValidation doCheckUrls(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.list(value).isEmpty() ? FormValidation.ok() : Fields.checkUrls(value)); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkStatus(value)); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("interval", value)); }
        @POST public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("verifyTimeout", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class); }
        // @formatter:on
    }
}
