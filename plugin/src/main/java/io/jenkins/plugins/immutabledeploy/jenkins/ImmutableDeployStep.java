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
import java.util.ArrayList;
import java.util.List;
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
 * {@code immutableDeploy dir: 'terraform', vars: "image_id=${image.id}", credentialsId: 'do-token'}: plans to a
 * saved plan, stops before unexpected destroys, applies exactly that plan and returns the engine's deploy map
 * ({@code changed}, {@code summary}, {@code changes}, {@code outputs} with sensitive ones masked, {@code record}, ...).
 */
public final class ImmutableDeployStep extends Step implements DeployGlue.Options {
    private final String dir;
    private String vars;
    private String varFiles;
    private List<SecretBinding> secrets = new ArrayList<>();
    private String credentialsId;
    private String workspace;
    private boolean createWorkspace;
    private String backendConfig;
    private String lockTimeout;
    private boolean allowDestroy;
    private String allowDestroyOf;
    private boolean allowDestroyFirst;
    private boolean planOnly;
    private String timeout;
    private String terraform;

    /** @param dir the Terraform/OpenTofu configuration folder, relative to the workspace */
    @DataBoundConstructor
    public ImmutableDeployStep(String dir) {
        this.dir = Fields.trimToNull(dir);
    }

    // @formatter:off
    @Override public String getDir() { return dir; }
    @Override public String getVars() { return vars; }
    @Override public String getVarFiles() { return varFiles; }
    @Override public List<SecretBinding> getSecrets() { return secrets; }
    @Override public String getCredentialsId() { return credentialsId; }
    @Override public String getWorkspace() { return workspace; }
    @Override public boolean isCreateWorkspace() { return createWorkspace; }
    @Override public String getBackendConfig() { return backendConfig; }
    @Override public String getLockTimeout() { return lockTimeout; }
    @Override public boolean isAllowDestroy() { return allowDestroy; }
    @Override public String getAllowDestroyOf() { return allowDestroyOf; }
    @Override public boolean isAllowDestroyFirst() { return allowDestroyFirst; }
    @Override public boolean isPlanOnly() { return planOnly; }
    @Override public String getTimeout() { return timeout; }
    @Override public String getTerraform() { return terraform; }
    @DataBoundSetter public void setVars(String v) { vars = Fields.trimToNull(v); }
    @DataBoundSetter public void setVarFiles(String v) { varFiles = Fields.trimToNull(v); }
    @DataBoundSetter public void setSecrets(List<SecretBinding> v) { secrets = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    @DataBoundSetter public void setCredentialsId(String v) { credentialsId = Fields.trimToNull(v); }
    @DataBoundSetter public void setWorkspace(String v) { workspace = Fields.trimToNull(v); }
    @DataBoundSetter public void setCreateWorkspace(boolean v) { createWorkspace = v; }
    @DataBoundSetter public void setBackendConfig(String v) { backendConfig = Fields.trimToNull(v); }
    @DataBoundSetter public void setLockTimeout(String v) { lockTimeout = Fields.trimToNull(v); }
    @DataBoundSetter public void setAllowDestroy(boolean v) { allowDestroy = v; }
    @DataBoundSetter public void setAllowDestroyOf(String v) { allowDestroyOf = Fields.trimToNull(v); }
    @DataBoundSetter public void setAllowDestroyFirst(boolean v) { allowDestroyFirst = v; }
    @DataBoundSetter public void setPlanOnly(boolean v) { planOnly = v; }
    @DataBoundSetter public void setTimeout(String v) { timeout = Fields.trimToNull(v); }
    @DataBoundSetter public void setTerraform(String v) { terraform = Fields.trimToNull(v); }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient ImmutableDeployStep step;

        Execution(StepContext context, ImmutableDeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            return DeployGlue.deploy(step, engine).toMap();
        }
    }

    /** The {@code immutableDeploy} step, and the form, help and checks of {@link ImmutableDeployBuilder} too. */
    @Extension
    @Symbol("immutableDeploy")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        @Override
        public String getFunctionName() {
            return "immutableDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("Deploy.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public Set<String> listParameters() {
            return Set.of("varFiles", "backendConfig", "allowDestroyOf");
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRequired("dir", value)); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkPairs("vars", value)); }
        @POST public FormValidation doCheckLockTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("lockTimeout", value)); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("timeout", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class); }
        // @formatter:on
    }
}
