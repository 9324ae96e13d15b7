package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.ops.VerifyOrRollBack;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
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
 * {@code verifyDeploy urls: 'https://app.example.com/health', rollback: true, dir: 'terraform'}: checks the
 * endpoints until each has enough passing attempts in a row, and with {@code rollback} redeploys the
 * previous successful deployment of {@code dir} when they do not. Returns the engine's verification map.
 */
public final class VerifyDeployStep extends Step implements VerifyGlue.Options {
    private String urls;
    private String method = VerifyRequest.DEFAULT_METHOD;
    private String headers;
    private List<SecretBinding> secretHeaders = new ArrayList<>();
    private String status = VerifyRequest.DEFAULT_STATUS;
    private String bodyRegex;
    private String jsonPointer;
    private String jsonExpect;
    private String jsonExpectRegex;
    private String attemptTimeout = VerifyRequest.DEFAULT_ATTEMPT_TIMEOUT;
    private String interval = VerifyRequest.DEFAULT_INTERVAL;
    private String initialDelay = VerifyRequest.DEFAULT_INITIAL_DELAY;
    private int successThreshold = VerifyRequest.DEFAULT_SUCCESS_THRESHOLD;
    private int failureThreshold = VerifyRequest.DEFAULT_FAILURE_THRESHOLD;
    private String timeout = VerifyRequest.DEFAULT_TIMEOUT;
    private String caFile;
    private boolean insecure;
    private boolean rollback;
    private String dir;
    private String workspace = DeploymentRecord.DEFAULT_WORKSPACE;
    private String credentialsId;
    private String terraform;

    /** @param urls the endpoints to check, one per line or comma separated */
    @DataBoundConstructor
    public VerifyDeployStep(String urls) {
        this.urls = Fields.trimToNull(urls);
    }

    // @formatter:off
    @Override public String getUrls() { return urls; }
    @Override public String getMethod() { return method; }
    @Override public String getHeaders() { return headers; }
    @Override public List<SecretBinding> getSecretHeaders() { return secretHeaders; }
    @Override public String getStatus() { return status; }
    @Override public String getBodyRegex() { return bodyRegex; }
    @Override public String getJsonPointer() { return jsonPointer; }
    @Override public String getJsonExpect() { return jsonExpect; }
    @Override public String getJsonExpectRegex() { return jsonExpectRegex; }
    @Override public String getAttemptTimeout() { return attemptTimeout; }
    @Override public String getInterval() { return interval; }
    @Override public String getInitialDelay() { return initialDelay; }
    @Override public int getSuccessThreshold() { return successThreshold; }
    @Override public int getFailureThreshold() { return failureThreshold; }
    @Override public String getTimeout() { return timeout; }
    @Override public String getCaFile() { return caFile; }
    @Override public boolean isInsecure() { return insecure; }
    @Override public boolean isRollback() { return rollback; }
    @Override public String getDir() { return dir; }
    @Override public String getWorkspace() { return workspace; }
    @Override public String getCredentialsId() { return credentialsId; }
    @Override public String getTerraform() { return terraform; }
    @DataBoundSetter public void setMethod(String v) { method = Fields.or(v, VerifyRequest.DEFAULT_METHOD); }
    @DataBoundSetter public void setHeaders(String v) { headers = Fields.trimToNull(v); }
    @DataBoundSetter public void setSecretHeaders(List<SecretBinding> v) { secretHeaders = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    @DataBoundSetter public void setStatus(String v) { status = Fields.or(v, VerifyRequest.DEFAULT_STATUS); }
    @DataBoundSetter public void setBodyRegex(String v) { bodyRegex = Fields.trimToNull(v); }
    @DataBoundSetter public void setJsonPointer(String v) { jsonPointer = Fields.trimToNull(v); }
    @DataBoundSetter public void setJsonExpect(String v) { jsonExpect = Fields.trimToNull(v); }
    @DataBoundSetter public void setJsonExpectRegex(String v) { jsonExpectRegex = Fields.trimToNull(v); }
    @DataBoundSetter public void setAttemptTimeout(String v) { attemptTimeout = Fields.or(v, VerifyRequest.DEFAULT_ATTEMPT_TIMEOUT); }
    @DataBoundSetter public void setInterval(String v) { interval = Fields.or(v, VerifyRequest.DEFAULT_INTERVAL); }
    @DataBoundSetter public void setInitialDelay(String v) { initialDelay = Fields.or(v, VerifyRequest.DEFAULT_INITIAL_DELAY); }
    @DataBoundSetter public void setSuccessThreshold(int v) { successThreshold = v; }
    @DataBoundSetter public void setFailureThreshold(int v) { failureThreshold = v; }
    @DataBoundSetter public void setTimeout(String v) { timeout = Fields.or(v, VerifyRequest.DEFAULT_TIMEOUT); }
    @DataBoundSetter public void setCaFile(String v) { caFile = Fields.trimToNull(v); }
    @DataBoundSetter public void setInsecure(boolean v) { insecure = v; }
    @DataBoundSetter public void setRollback(boolean v) { rollback = v; }
    @DataBoundSetter public void setDir(String v) { dir = Fields.trimToNull(v); }
    @DataBoundSetter public void setWorkspace(String v) { workspace = Fields.or(v, DeploymentRecord.DEFAULT_WORKSPACE); }
    @DataBoundSetter public void setCredentialsId(String v) { credentialsId = Fields.trimToNull(v); }
    @DataBoundSetter public void setTerraform(String v) { terraform = Fields.trimToNull(v); }
    // @formatter:on

    /** @param v the URLs of {@link RollbackDeployStep}'s optional checks */
    void setUrlsForRollback(String v) {
        urls = Fields.trimToNull(v);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient VerifyDeployStep step;

        Execution(StepContext context, VerifyDeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            VerifyOrRollBack.Result result = VerifyGlue.verify(step, engine);
            VerifyGlue.failIfUnhealthy(result);
            return result.toMap();
        }
    }

    /** The {@code verifyDeploy} step, and the form, help and checks of {@link VerifyDeployBuilder} too. */
    @Extension
    @Symbol("verifyDeploy")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        @Override
        public String getFunctionName() {
            return "verifyDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("Verify.DisplayName");
        }

        /**
         * Only the build and its log: the checks alone need no node (outside {@code node} they are made on the
         * controller, inside it on the node). A CA file or a rollback needs the workspace and is refused without one.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public Set<String> listParameters() {
            // urls is the one required field, so verifyDeploy(['https://a/health', 'https://b/health']) names none
            return Set.of("urls", UninstantiatedDescribable.ANONYMOUS_KEY);
        }

        // @formatter:off
        @POST public FormValidation doCheckUrls(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkUrls(value)); }
        @POST public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkStatus(value)); }
        @POST public FormValidation doCheckHeaders(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkPairs("headers", value)); }
        @POST public FormValidation doCheckAttemptTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("attemptTimeout", value)); }
        @POST public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("interval", value)); }
        @POST public FormValidation doCheckInitialDelay(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("initialDelay", value)); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkDuration("timeout", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class); }
        // @formatter:on
    }
}
