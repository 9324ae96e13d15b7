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
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
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
 * {@code bakeImage template: 'packer.json', credentialsId: 'do-token'}: bakes a machine image with
 * Packer and returns the engine's bake result ({@code id}, {@code name}, {@code regions}, ...); with
 * {@code skipIfExists: true, imageName: 'app-v1'} an existing snapshot of that name is returned instead.
 */
public final class BakeImageStep extends Step implements BakeGlue.Options {
    private final String template;
    private String vars;
    private String varFiles;
    private String only;
    private String except;
    private String onError = BakeRequest.DEFAULT_ON_ERROR;
    private String timeout;
    private String packer;
    private String credentialsId;
    private List<SecretBinding> secrets = new ArrayList<>();
    private boolean skipIfExists;
    private String imageName;
    private String apiUrl;

    /** @param template the Packer template (a .json file, a .pkr.hcl file or a folder), relative to the workspace */
    @DataBoundConstructor
    public BakeImageStep(String template) {
        this.template = Fields.trimToNull(template);
    }

    // @formatter:off
    @Override public String getTemplate() { return template; }
    @Override public String getVars() { return vars; }
    @Override public String getVarFiles() { return varFiles; }
    @Override public String getOnly() { return only; }
    @Override public String getExcept() { return except; }
    @Override public String getOnError() { return onError; }
    @Override public String getTimeout() { return timeout; }
    @Override public String getPacker() { return packer; }
    @Override public String getCredentialsId() { return credentialsId; }
    @Override public List<SecretBinding> getSecrets() { return secrets; }
    @Override public boolean isSkipIfExists() { return skipIfExists; }
    @Override public String getImageName() { return imageName; }
    @Override public String getApiUrl() { return apiUrl; }
    /** @param vars lines of {@code NAME=VALUE}, passed as {@code -var}; never secrets */
    @DataBoundSetter public void setVars(String vars) { this.vars = Fields.trimToNull(vars); }
    /** @param varFiles variable files, one per line or comma separated */
    @DataBoundSetter public void setVarFiles(String varFiles) { this.varFiles = Fields.trimToNull(varFiles); }
    /** @param only builds to run ({@code -only}) */
    @DataBoundSetter public void setOnly(String only) { this.only = Fields.trimToNull(only); }
    /** @param except builds to skip ({@code -except}) */
    @DataBoundSetter public void setExcept(String except) { this.except = Fields.trimToNull(except); }
    /** @param onError {@code cleanup} (default), {@code abort} or {@code run-cleanup-provisioner} */
    @DataBoundSetter public void setOnError(String onError) { this.onError = Fields.trimToNull(onError) == null ? BakeRequest.DEFAULT_ON_ERROR : onError.trim(); }
    /** @param timeout e.g. {@code 30m}; Packer is interrupted and given time to clean up */
    @DataBoundSetter public void setTimeout(String timeout) { this.timeout = Fields.trimToNull(timeout); }
    /** @param packer the Packer executable on the agent */
    @DataBoundSetter public void setPacker(String packer) { this.packer = Fields.trimToNull(packer); }
    /** @param credentialsId a Secret text credential with the DigitalOcean token */
    @DataBoundSetter public void setCredentialsId(String credentialsId) { this.credentialsId = Fields.trimToNull(credentialsId); }
    /** @param secrets credentials handed to Packer as {@code PKR_VAR_*} variables */
    @DataBoundSetter public void setSecrets(List<SecretBinding> secrets) { this.secrets = secrets == null ? new ArrayList<>() : new ArrayList<>(secrets); }
    /** @param skipIfExists when a DigitalOcean snapshot named {@code imageName} exists, return it instead of baking */
    @DataBoundSetter public void setSkipIfExists(boolean skipIfExists) { this.skipIfExists = skipIfExists; }
    /** @param imageName the exact snapshot name this bake creates, for {@code skipIfExists} */
    @DataBoundSetter public void setImageName(String imageName) { this.imageName = Fields.trimToNull(imageName); }
    /** @param apiUrl the DigitalOcean API base URL for {@code skipIfExists}; empty for the public API */
    @DataBoundSetter public void setApiUrl(String apiUrl) { this.apiUrl = Fields.trimToNull(apiUrl); }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient BakeImageStep step;

        Execution(StepContext context, BakeImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            return BakeGlue.bake(step, engine).toMap();
        }
    }

    /** The {@code bakeImage} step, and the form, help and checks of {@link BakeImageBuilder} too. */
    @Extension
    @Symbol("bakeImage")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        @Override
        public String getFunctionName() {
            return "bakeImage";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("BakeImage.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public Set<String> listParameters() {
            return Set.of("varFiles", "only", "except");
        }

        // @formatter:off
        @POST public FormValidation doCheckTemplate(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRequired("template", value)); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkPairs("vars", value)); }
        @POST public FormValidation doCheckOnError(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkOnError(value)); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("timeout", value)); }
        @POST public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkApiUrl("apiUrl", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class); }
        // @formatter:on
    }
}
