package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen.Contract;
import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseChecks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
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
 * {@code blueGreenDeploy dir: 'terraform', image: image.id, credentialsId: 'do-token', healthPath: '/health'}: releases
 * the image so that a bad release never takes traffic (a candidate beside the live servers, checked on its own
 * address, promoted, checked through the stable address, the old servers retired; or discarded, or switched back).
 * Returns the engine's release map; fails when the release was discarded or switched back.
 */
public final class BlueGreenDeployStep extends Step implements BlueGreenGlue.Options {
    /** The deploy settings every phase runs with: its {@code timeout} is {@code deployTimeout}. */
    private final ImmutableDeployStep deploy;
    /** The checks' settings; the addresses come from the configuration's outputs. */
    private final VerifyDeployStep checks = new VerifyDeployStep(ReleaseChecks.ADDRESS);
    private final String image;
    private String healthPath;
    private String liveVar = Contract.LIVE_VARIABLE;
    private String candidateVar = Contract.CANDIDATE_VARIABLE;
    private String urlOutput = Contract.URL_OUTPUT;
    private String candidateUrlOutput = Contract.CANDIDATE_URL_OUTPUT;
    private String keepStandby = "0s";

    /**
     * @param dir the Terraform/OpenTofu configuration folder, relative to the workspace
     * @param image the image to release
     */
    @DataBoundConstructor
    public BlueGreenDeployStep(String dir, String image) {
        this.deploy = new ImmutableDeployStep(dir);
        this.image = Fields.trimToNull(image);
    }

    // @formatter:off
    @Override public String getImage() { return image; }
    @Override public DeployGlue.Options deploy() { return deploy; }
    @Override public VerifyGlue.Options checks() { return checks; }
    @Override public String getHealthPath() { return healthPath; }
    @Override public String getLiveVar() { return liveVar; }
    @Override public String getCandidateVar() { return candidateVar; }
    @Override public String getUrlOutput() { return urlOutput; }
    @Override public String getCandidateUrlOutput() { return candidateUrlOutput; }
    @Override public String getKeepStandby() { return keepStandby; }
    public String getDir() { return deploy.getDir(); }
    public String getVars() { return deploy.getVars(); }
    public String getVarFiles() { return deploy.getVarFiles(); }
    public List<SecretBinding> getSecrets() { return deploy.getSecrets(); }
    public String getCredentialsId() { return deploy.getCredentialsId(); }
    public String getWorkspace() { return deploy.getWorkspace(); }
    public boolean isCreateWorkspace() { return deploy.isCreateWorkspace(); }
    public String getBackendConfig() { return deploy.getBackendConfig(); }
    public String getLockTimeout() { return deploy.getLockTimeout(); }
    public boolean isAllowDestroy() { return deploy.isAllowDestroy(); }
    public String getAllowDestroyOf() { return deploy.getAllowDestroyOf(); }
    public boolean isAllowDestroyFirst() { return deploy.isAllowDestroyFirst(); }
    public String getDeployTimeout() { return deploy.getTimeout(); }
    public String getTerraform() { return deploy.getTerraform(); }
    public String getMethod() { return checks.getMethod(); }
    public String getHeaders() { return checks.getHeaders(); }
    public List<SecretBinding> getSecretHeaders() { return checks.getSecretHeaders(); }
    public String getStatus() { return checks.getStatus(); }
    public String getBodyRegex() { return checks.getBodyRegex(); }
    public String getJsonPointer() { return checks.getJsonPointer(); }
    public String getJsonExpect() { return checks.getJsonExpect(); }
    public String getJsonExpectRegex() { return checks.getJsonExpectRegex(); }
    public String getAttemptTimeout() { return checks.getAttemptTimeout(); }
    public String getInterval() { return checks.getInterval(); }
    public String getInitialDelay() { return checks.getInitialDelay(); }
    public int getSuccessThreshold() { return checks.getSuccessThreshold(); }
    public int getFailureThreshold() { return checks.getFailureThreshold(); }
    public String getTimeout() { return checks.getTimeout(); }
    public String getCaFile() { return checks.getCaFile(); }
    public boolean isInsecure() { return checks.isInsecure(); }
    @DataBoundSetter public void setHealthPath(String v) { healthPath = Fields.trimToNull(v); }
    @DataBoundSetter public void setLiveVar(String v) { liveVar = Fields.or(v, Contract.LIVE_VARIABLE); }
    @DataBoundSetter public void setCandidateVar(String v) { candidateVar = Fields.or(v, Contract.CANDIDATE_VARIABLE); }
    @DataBoundSetter public void setUrlOutput(String v) { urlOutput = Fields.or(v, Contract.URL_OUTPUT); }
    @DataBoundSetter public void setCandidateUrlOutput(String v) { candidateUrlOutput = Fields.or(v, Contract.CANDIDATE_URL_OUTPUT); }
    @DataBoundSetter public void setKeepStandby(String v) { keepStandby = Fields.or(v, "0s"); }
    @DataBoundSetter public void setVars(String v) { deploy.setVars(v); }
    @DataBoundSetter public void setVarFiles(String v) { deploy.setVarFiles(v); }
    @DataBoundSetter public void setSecrets(List<SecretBinding> v) { deploy.setSecrets(v); }
    @DataBoundSetter public void setCredentialsId(String v) { deploy.setCredentialsId(v); }
    @DataBoundSetter public void setWorkspace(String v) { deploy.setWorkspace(v); }
    @DataBoundSetter public void setCreateWorkspace(boolean v) { deploy.setCreateWorkspace(v); }
    @DataBoundSetter public void setBackendConfig(String v) { deploy.setBackendConfig(v); }
    @DataBoundSetter public void setLockTimeout(String v) { deploy.setLockTimeout(v); }
    @DataBoundSetter public void setAllowDestroy(boolean v) { deploy.setAllowDestroy(v); }
    @DataBoundSetter public void setAllowDestroyOf(String v) { deploy.setAllowDestroyOf(v); }
    @DataBoundSetter public void setAllowDestroyFirst(boolean v) { deploy.setAllowDestroyFirst(v); }
    @DataBoundSetter public void setDeployTimeout(String v) { deploy.setTimeout(v); }
    @DataBoundSetter public void setTerraform(String v) { deploy.setTerraform(v); }
    @DataBoundSetter public void setMethod(String v) { checks.setMethod(v); }
    @DataBoundSetter public void setHeaders(String v) { checks.setHeaders(v); }
    @DataBoundSetter public void setSecretHeaders(List<SecretBinding> v) { checks.setSecretHeaders(v); }
    @DataBoundSetter public void setStatus(String v) { checks.setStatus(v); }
    @DataBoundSetter public void setBodyRegex(String v) { checks.setBodyRegex(v); }
    @DataBoundSetter public void setJsonPointer(String v) { checks.setJsonPointer(v); }
    @DataBoundSetter public void setJsonExpect(String v) { checks.setJsonExpect(v); }
    @DataBoundSetter public void setJsonExpectRegex(String v) { checks.setJsonExpectRegex(v); }
    @DataBoundSetter public void setAttemptTimeout(String v) { checks.setAttemptTimeout(v); }
    @DataBoundSetter public void setInterval(String v) { checks.setInterval(v); }
    @DataBoundSetter public void setInitialDelay(String v) { checks.setInitialDelay(v); }
    @DataBoundSetter public void setSuccessThreshold(int v) { checks.setSuccessThreshold(v); }
    @DataBoundSetter public void setFailureThreshold(int v) { checks.setFailureThreshold(v); }
    @DataBoundSetter public void setTimeout(String v) { checks.setTimeout(v); }
    @DataBoundSetter public void setCaFile(String v) { checks.setCaFile(v); }
    @DataBoundSetter public void setInsecure(boolean v) { checks.setInsecure(v); }
    // @formatter:on

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient BlueGreenDeployStep step;

        Execution(StepContext context, BlueGreenDeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            BlueGreen.Result result = BlueGreenGlue.release(step, engine);
            BlueGreenGlue.failIfNotPromoted(result);
            return result.toMap();
        }
    }

    /** The {@code blueGreenDeploy} step, and the form, help and checks of {@link BlueGreenDeployBuilder} too. */
    @Extension
    @Symbol("blueGreenDeploy")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        /**
         * The fields a release shares with a deploy and a verification, and the step whose help they show. The
         * builder redirects them there too: Jenkins follows a chain of redirects, but one hop is all a form needs.
         */
        static final Map<String, Class<? extends Step>> SHARED_HELP = sharedHelp();

        /** The help of the fields a release shares with a deploy and a verification is theirs. */
        public DescriptorImpl() {
            SHARED_HELP.forEach((field, step) -> addHelpFileRedirect(field, step, field));
        }

        private static Map<String, Class<? extends Step>> sharedHelp() {
            Map<String, Class<? extends Step>> m = new java.util.LinkedHashMap<>();
            for (String f : List.of("vars", "varFiles", "secrets", "credentialsId", "workspace", "createWorkspace",
                    "backendConfig", "lockTimeout", "allowDestroy", "allowDestroyOf", "allowDestroyFirst", "terraform")) {
                m.put(f, ImmutableDeployStep.class);
            }
            for (String f : List.of("method", "headers", "secretHeaders", "status", "bodyRegex", "jsonPointer",
                    "jsonExpect", "jsonExpectRegex", "attemptTimeout", "interval", "initialDelay", "successThreshold",
                    "failureThreshold", "caFile", "insecure")) {
                m.put(f, VerifyDeployStep.class);
            }
            return java.util.Collections.unmodifiableMap(m);
        }

        @Override
        public String getFunctionName() {
            return "blueGreenDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("BlueGreen.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public Set<String> listParameters() {
            return Set.of("varFiles", "backendConfig", "allowDestroyOf");
        }

        /** @return the deploy step's descriptor: the fields a release shares with it are checked as it checks them */
        private static ImmutableDeployStep.DescriptorImpl deployForm() {
            return ExtensionList.lookupSingleton(ImmutableDeployStep.DescriptorImpl.class);
        }

        /** @return the verification step's descriptor: the checks' fields are checked as it checks them */
        private static VerifyDeployStep.DescriptorImpl checksForm() {
            return ExtensionList.lookupSingleton(VerifyDeployStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckDir(@AncestorInPath Item item, @QueryParameter String value) { return deployForm().doCheckDir(item, value); }
        @POST public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRequired("image", value)); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return deployForm().doCheckVars(item, value); }
        @POST public FormValidation doCheckLockTimeout(@AncestorInPath Item item, @QueryParameter String value) { return deployForm().doCheckLockTimeout(item, value); }
        @POST public FormValidation doCheckDeployTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("deployTimeout", value)); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckStatus(item, value); }
        @POST public FormValidation doCheckHeaders(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckHeaders(item, value); }
        @POST public FormValidation doCheckAttemptTimeout(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckAttemptTimeout(item, value); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckInterval(item, value); }
        @POST public FormValidation doCheckInitialDelay(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckInitialDelay(item, value); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return checksForm().doCheckTimeout(item, value); }
        @POST public FormValidation doCheckKeepStandby(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("keepStandby", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return deployForm().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
