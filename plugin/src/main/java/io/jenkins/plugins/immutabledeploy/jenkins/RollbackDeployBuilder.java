package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link RollbackDeployStep}: the same fields, and the outcome exported as
 * {@code ROLLED_BACK}, {@code ROLLED_BACK_TO} and {@code ROLLBACK_HEALTHY}.
 */
public final class RollbackDeployBuilder extends EngineBuilder implements RollbackGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final RollbackDeployStep options;

    /** @param dir the Terraform/OpenTofu configuration folder whose deployment to roll back */
    @DataBoundConstructor
    public RollbackDeployBuilder(String dir) {
        this.options = new RollbackDeployStep(dir);
    }

    // @formatter:off
    @Override public String getDir() { return options.getDir(); }
    @Override public String getWorkspace() { return options.getWorkspace(); }
    @Override public String getTo() { return options.getTo(); }
    @Override public String getCredentialsId() { return options.getCredentialsId(); }
    @Override public String getTerraform() { return options.getTerraform(); }
    @Override public VerifyGlue.Options checks() { return options.checks(); }
    public String getUrls() { return options.getUrls(); }
    public String getStatus() { return options.getStatus(); }
    public String getInterval() { return options.getInterval(); }
    public int getSuccessThreshold() { return options.getSuccessThreshold(); }
    public String getVerifyTimeout() { return options.getVerifyTimeout(); }
    @DataBoundSetter public void setWorkspace(String v) { options.setWorkspace(v); }
    @DataBoundSetter public void setTo(String v) { options.setTo(v); }
    @DataBoundSetter public void setCredentialsId(String v) { options.setCredentialsId(v); }
    @DataBoundSetter public void setTerraform(String v) { options.setTerraform(v); }
    @DataBoundSetter public void setUrls(String v) { options.setUrls(v); }
    @DataBoundSetter public void setStatus(String v) { options.setStatus(v); }
    @DataBoundSetter public void setInterval(String v) { options.setInterval(v); }
    @DataBoundSetter public void setSuccessThreshold(int v) { options.setSuccessThreshold(v); }
    @DataBoundSetter public void setVerifyTimeout(String v) { options.setVerifyTimeout(v); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        RollbackGlue.Options fields = Expanded.of(RollbackGlue.Options.class, this, engine.environment());
        return RollbackGlue.variables(RollbackGlue.rollBack(fields, engine));
    }

    /** The "Roll back a deployment" build step: the form, help and checks of {@link RollbackDeployStep}. */
    @Extension
    @Symbol("rollbackDeployBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<RollbackDeployStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(RollbackDeployStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckDir(item, value); }
        @POST public FormValidation doCheckUrls(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckUrls(item, value); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckStatus(item, value); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckInterval(item, value); }
        @POST public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckVerifyTimeout(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
