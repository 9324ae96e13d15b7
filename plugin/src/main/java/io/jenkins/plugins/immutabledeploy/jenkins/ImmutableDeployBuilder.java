package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link ImmutableDeployStep}: the same fields, and the outcome exported as
 * {@code DEPLOY_CHANGED}, {@code DEPLOY_DRIFT}, {@code DEPLOY_ADD}/{@code _CHANGE}/{@code _REPLACE}/{@code _DESTROY},
 * {@code DEPLOY_RECORD}, {@code DEPLOY_TOOL}, {@code DEPLOY_TOOL_VERSION} and {@code DEPLOY_OUTPUT_<NAME>} for every
 * output that is not sensitive.
 */
public final class ImmutableDeployBuilder extends EngineBuilder implements DeployGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final ImmutableDeployStep options;

    /** @param dir the Terraform/OpenTofu configuration folder, relative to the workspace */
    @DataBoundConstructor
    public ImmutableDeployBuilder(String dir) {
        this.options = new ImmutableDeployStep(dir);
    }

    // @formatter:off
    @Override public String getDir() { return options.getDir(); }
    @Override public String getVars() { return options.getVars(); }
    @Override public String getVarFiles() { return options.getVarFiles(); }
    @Override public List<SecretBinding> getSecrets() { return options.getSecrets(); }
    @Override public String getCredentialsId() { return options.getCredentialsId(); }
    @Override public String getWorkspace() { return options.getWorkspace(); }
    @Override public boolean isCreateWorkspace() { return options.isCreateWorkspace(); }
    @Override public String getBackendConfig() { return options.getBackendConfig(); }
    @Override public String getLockTimeout() { return options.getLockTimeout(); }
    @Override public boolean isAllowDestroy() { return options.isAllowDestroy(); }
    @Override public String getAllowDestroyOf() { return options.getAllowDestroyOf(); }
    @Override public boolean isAllowDestroyFirst() { return options.isAllowDestroyFirst(); }
    @Override public boolean isPlanOnly() { return options.isPlanOnly(); }
    @Override public String getTimeout() { return options.getTimeout(); }
    @Override public String getTerraform() { return options.getTerraform(); }
    @DataBoundSetter public void setVars(String v) { options.setVars(v); }
    @DataBoundSetter public void setVarFiles(String v) { options.setVarFiles(v); }
    @DataBoundSetter public void setSecrets(List<SecretBinding> v) { options.setSecrets(v); }
    @DataBoundSetter public void setCredentialsId(String v) { options.setCredentialsId(v); }
    @DataBoundSetter public void setWorkspace(String v) { options.setWorkspace(v); }
    @DataBoundSetter public void setCreateWorkspace(boolean v) { options.setCreateWorkspace(v); }
    @DataBoundSetter public void setBackendConfig(String v) { options.setBackendConfig(v); }
    @DataBoundSetter public void setLockTimeout(String v) { options.setLockTimeout(v); }
    @DataBoundSetter public void setAllowDestroy(boolean v) { options.setAllowDestroy(v); }
    @DataBoundSetter public void setAllowDestroyOf(String v) { options.setAllowDestroyOf(v); }
    @DataBoundSetter public void setAllowDestroyFirst(boolean v) { options.setAllowDestroyFirst(v); }
    @DataBoundSetter public void setPlanOnly(boolean v) { options.setPlanOnly(v); }
    @DataBoundSetter public void setTimeout(String v) { options.setTimeout(v); }
    @DataBoundSetter public void setTerraform(String v) { options.setTerraform(v); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        DeployGlue.Options fields = Expanded.of(DeployGlue.Options.class, this, engine.environment());
        return DeployGlue.variables(DeployGlue.deploy(fields, engine));
    }

    /** The "Deploy with Terraform or OpenTofu" build step: the form, help and checks of {@link ImmutableDeployStep}. */
    @Extension
    @Symbol("immutableDeployBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<ImmutableDeployStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(ImmutableDeployStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckDir(item, value); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckVars(item, value); }
        @POST public FormValidation doCheckLockTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckLockTimeout(item, value); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckTimeout(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
