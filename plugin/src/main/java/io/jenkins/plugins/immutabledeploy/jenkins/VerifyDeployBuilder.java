package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.ops.VerifyOrRollBack;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link VerifyDeployStep}: the same fields, and the outcome exported as
 * {@code VERIFY_HEALTHY}, {@code VERIFY_FAILED_URLS} and, after a rollback, {@code ROLLED_BACK} and
 * {@code ROLLBACK_HEALTHY}. An unhealthy deployment fails the build step.
 */
public final class VerifyDeployBuilder extends EngineBuilder implements VerifyGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final VerifyDeployStep options;

    /** @param urls the endpoints to check */
    @DataBoundConstructor
    public VerifyDeployBuilder(String urls) {
        this.options = new VerifyDeployStep(urls);
    }

    // @formatter:off
    @Override public String getUrls() { return options.getUrls(); }
    @Override public String getMethod() { return options.getMethod(); }
    @Override public String getHeaders() { return options.getHeaders(); }
    @Override public List<SecretBinding> getSecretHeaders() { return options.getSecretHeaders(); }
    @Override public String getStatus() { return options.getStatus(); }
    @Override public String getBodyRegex() { return options.getBodyRegex(); }
    @Override public String getJsonPointer() { return options.getJsonPointer(); }
    @Override public String getJsonExpect() { return options.getJsonExpect(); }
    @Override public String getJsonExpectRegex() { return options.getJsonExpectRegex(); }
    @Override public String getAttemptTimeout() { return options.getAttemptTimeout(); }
    @Override public String getInterval() { return options.getInterval(); }
    @Override public String getInitialDelay() { return options.getInitialDelay(); }
    @Override public int getSuccessThreshold() { return options.getSuccessThreshold(); }
    @Override public int getFailureThreshold() { return options.getFailureThreshold(); }
    @Override public String getTimeout() { return options.getTimeout(); }
    @Override public String getCaFile() { return options.getCaFile(); }
    @Override public boolean isInsecure() { return options.isInsecure(); }
    @Override public boolean isRollback() { return options.isRollback(); }
    @Override public String getDir() { return options.getDir(); }
    @Override public String getWorkspace() { return options.getWorkspace(); }
    @Override public String getCredentialsId() { return options.getCredentialsId(); }
    @Override public String getTerraform() { return options.getTerraform(); }
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
    @DataBoundSetter public void setRollback(boolean v) { options.setRollback(v); }
    @DataBoundSetter public void setDir(String v) { options.setDir(v); }
    @DataBoundSetter public void setWorkspace(String v) { options.setWorkspace(v); }
    @DataBoundSetter public void setCredentialsId(String v) { options.setCredentialsId(v); }
    @DataBoundSetter public void setTerraform(String v) { options.setTerraform(v); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        VerifyGlue.Options fields = Expanded.of(VerifyGlue.Options.class, this, engine.environment());
        VerifyOrRollBack.Result result = VerifyGlue.verify(fields, engine);
        Map<String, String> env = VerifyGlue.variables(result);
        // Exported before failing, so a later post-build step can report what failed.
        ExportedVariablesAction.export(engine.run(), env, engine::mask);
        VerifyGlue.failIfUnhealthy(result);
        return env;
    }

    /** The "Verify a deployment with health checks" build step: the form, help and checks of {@link VerifyDeployStep}. */
    @Extension
    @Symbol("verifyDeployBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<VerifyDeployStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(VerifyDeployStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckUrls(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckUrls(item, value); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckStatus(item, value); }
        @POST public FormValidation doCheckHeaders(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckHeaders(item, value); }
        @POST public FormValidation doCheckAttemptTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckAttemptTimeout(item, value); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckInterval(item, value); }
        @POST public FormValidation doCheckInitialDelay(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckInitialDelay(item, value); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckTimeout(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
