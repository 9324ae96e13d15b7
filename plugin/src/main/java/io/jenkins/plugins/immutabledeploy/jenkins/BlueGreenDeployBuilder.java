package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link BlueGreenDeployStep} ("Blue/green deploy"): the same fields, and the outcome exported as
 * {@code RELEASE_OUTCOME}, {@code RELEASE_HEALTHY}, {@code RELEASE_LIVE}, {@code RELEASE_CANDIDATE},
 * {@code RELEASE_PHASES}, {@code RELEASE_RECORD}, {@code RELEASE_RESTORE_SECONDS} and {@code RELEASE_OUTPUT_<NAME>}.
 * A release that was discarded or switched back fails the build step, after exporting them.
 */
public final class BlueGreenDeployBuilder extends EngineBuilder implements BlueGreenGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final BlueGreenDeployStep options;

    /**
     * @param dir the Terraform/OpenTofu configuration folder, relative to the workspace
     * @param image the image to release
     */
    @DataBoundConstructor
    public BlueGreenDeployBuilder(String dir, String image) {
        this.options = new BlueGreenDeployStep(dir, image);
    }

    // @formatter:off
    @Override public String getImage() { return options.getImage(); }
    @Override public DeployGlue.Options deploy() { return options.deploy(); }
    @Override public VerifyGlue.Options checks() { return options.checks(); }
    @Override public String getHealthPath() { return options.getHealthPath(); }
    @Override public String getLiveVar() { return options.getLiveVar(); }
    @Override public String getCandidateVar() { return options.getCandidateVar(); }
    @Override public String getUrlOutput() { return options.getUrlOutput(); }
    @Override public String getCandidateUrlOutput() { return options.getCandidateUrlOutput(); }
    @Override public String getKeepStandby() { return options.getKeepStandby(); }
    public String getDir() { return options.getDir(); }
    public String getVars() { return options.getVars(); }
    public String getVarFiles() { return options.getVarFiles(); }
    public List<SecretBinding> getSecrets() { return options.getSecrets(); }
    public String getCredentialsId() { return options.getCredentialsId(); }
    public String getWorkspace() { return options.getWorkspace(); }
    public boolean isCreateWorkspace() { return options.isCreateWorkspace(); }
    public String getBackendConfig() { return options.getBackendConfig(); }
    public String getLockTimeout() { return options.getLockTimeout(); }
    public boolean isAllowDestroy() { return options.isAllowDestroy(); }
    public String getAllowDestroyOf() { return options.getAllowDestroyOf(); }
    public boolean isAllowDestroyFirst() { return options.isAllowDestroyFirst(); }
    public String getDeployTimeout() { return options.getDeployTimeout(); }
    public String getTerraform() { return options.getTerraform(); }
    public String getMethod() { return options.getMethod(); }
    public String getHeaders() { return options.getHeaders(); }
    public List<SecretBinding> getSecretHeaders() { return options.getSecretHeaders(); }
    public String getStatus() { return options.getStatus(); }
    public String getBodyRegex() { return options.getBodyRegex(); }
    public String getJsonPointer() { return options.getJsonPointer(); }
    public String getJsonExpect() { return options.getJsonExpect(); }
    public String getJsonExpectRegex() { return options.getJsonExpectRegex(); }
    public String getAttemptTimeout() { return options.getAttemptTimeout(); }
    public String getInterval() { return options.getInterval(); }
    public String getInitialDelay() { return options.getInitialDelay(); }
    public int getSuccessThreshold() { return options.getSuccessThreshold(); }
    public int getFailureThreshold() { return options.getFailureThreshold(); }
    public String getTimeout() { return options.getTimeout(); }
    public String getCaFile() { return options.getCaFile(); }
    public boolean isInsecure() { return options.isInsecure(); }
    @DataBoundSetter public void setHealthPath(String v) { options.setHealthPath(v); }
    @DataBoundSetter public void setLiveVar(String v) { options.setLiveVar(v); }
    @DataBoundSetter public void setCandidateVar(String v) { options.setCandidateVar(v); }
    @DataBoundSetter public void setUrlOutput(String v) { options.setUrlOutput(v); }
    @DataBoundSetter public void setCandidateUrlOutput(String v) { options.setCandidateUrlOutput(v); }
    @DataBoundSetter public void setKeepStandby(String v) { options.setKeepStandby(v); }
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
    @DataBoundSetter public void setDeployTimeout(String v) { options.setDeployTimeout(v); }
    @DataBoundSetter public void setTerraform(String v) { options.setTerraform(v); }
    @DataBoundSetter public void setMethod(String v) { options.setMethod(v); }
    @DataBoundSetter public void setHeaders(String v) { options.setHeaders(v); }
    @DataBoundSetter public void setSecretHeaders(List<SecretBinding> v) { options.setSecretHeaders(v); }
    @DataBoundSetter public void setStatus(String v) { options.setStatus(v); }
    @DataBoundSetter public void setBodyRegex(String v) { options.setBodyRegex(v); }
    @DataBoundSetter public void setJsonPointer(String v) { options.setJsonPointer(v); }
    @DataBoundSetter public void setJsonExpect(String v) { options.setJsonExpect(v); }
    @DataBoundSetter public void setJsonExpectRegex(String v) { options.setJsonExpectRegex(v); }
    @DataBoundSetter public void setAttemptTimeout(String v) { options.setAttemptTimeout(v); }
    @DataBoundSetter public void setInterval(String v) { options.setInterval(v); }
    @DataBoundSetter public void setInitialDelay(String v) { options.setInitialDelay(v); }
    @DataBoundSetter public void setSuccessThreshold(int v) { options.setSuccessThreshold(v); }
    @DataBoundSetter public void setFailureThreshold(int v) { options.setFailureThreshold(v); }
    @DataBoundSetter public void setTimeout(String v) { options.setTimeout(v); }
    @DataBoundSetter public void setCaFile(String v) { options.setCaFile(v); }
    @DataBoundSetter public void setInsecure(boolean v) { options.setInsecure(v); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        BlueGreenGlue.Options fields = Expanded.of(BlueGreenGlue.Options.class, this, engine.environment());
        BlueGreen.Result result = BlueGreenGlue.release(fields, engine);
        Map<String, String> env = BlueGreenGlue.variables(result);
        // Exported before failing, so a later post-build step can report what happened.
        ExportedVariablesAction.export(engine.run(), env, engine::mask);
        BlueGreenGlue.failIfNotPromoted(result);
        return env;
    }

    /** The "Blue/green deploy" build step: the form, help and checks of {@link BlueGreenDeployStep}. */
    @Extension
    @Symbol("blueGreenDeployBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<BlueGreenDeployStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(BlueGreenDeployStep.DescriptorImpl.class);
            BlueGreenDeployStep.DescriptorImpl.SHARED_HELP.forEach((field, step) -> addHelpFileRedirect(field, step, field));
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckDir(item, value); }
        @POST public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckImage(item, value); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckVars(item, value); }
        @POST public FormValidation doCheckLockTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckLockTimeout(item, value); }
        @POST public FormValidation doCheckDeployTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckDeployTimeout(item, value); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckStatus(item, value); }
        @POST public FormValidation doCheckHeaders(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckHeaders(item, value); }
        @POST public FormValidation doCheckAttemptTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckAttemptTimeout(item, value); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckInterval(item, value); }
        @POST public FormValidation doCheckInitialDelay(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckInitialDelay(item, value); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckTimeout(item, value); }
        @POST public FormValidation doCheckKeepStandby(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckKeepStandby(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
