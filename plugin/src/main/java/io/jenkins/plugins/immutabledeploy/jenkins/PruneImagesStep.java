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
 * {@code pruneImages credentialsId: 'do-token', prefix: 'app-', keep: 5}: deletes old DigitalOcean snapshots, never
 * the newest {@code keep}, the ones this job's latest deployments run on, or the ids in {@code protect}; returns
 * {@code deleted}, {@code kept}, {@code protected} and {@code dryRun}.
 */
public final class PruneImagesStep extends Step implements PruneGlue.Options {
    private final String credentialsId;
    private final int keep;
    private String prefix;
    private String regex;
    private String protect;
    private String protectJobs;
    private boolean dryRun;
    private String apiUrl;
    /** Finds the jobs of {@code protectJobs}; not configuration, so not saved. */
    private transient Jobs jobs;

    /**
     * @param credentialsId a Secret text credential with the DigitalOcean token
     * @param keep how many of the newest matching snapshots to keep (at least 1)
     */
    @DataBoundConstructor
    public PruneImagesStep(String credentialsId, int keep) {
        this.credentialsId = Fields.trimToNull(credentialsId);
        this.keep = keep;
    }

    // @formatter:off
    @Override public String getCredentialsId() { return credentialsId; }
    @Override public int getKeep() { return keep; }
    @Override public String getPrefix() { return prefix; }
    @Override public String getRegex() { return regex; }
    @Override public String getProtect() { return protect; }
    @Override public String getProtectJobs() { return protectJobs; }
    @Override public boolean isDryRun() { return dryRun; }
    @Override public String getApiUrl() { return apiUrl; }
    /** @param prefix consider only snapshots whose name starts with this (this or {@code regex}) */
    @DataBoundSetter public void setPrefix(String prefix) { this.prefix = Fields.trimToNull(prefix); }
    /** @param regex consider only snapshots whose whole name matches this (this or {@code prefix}) */
    @DataBoundSetter public void setRegex(String regex) { this.regex = Fields.trimToNull(regex); }
    /** @param protect image ids never to delete, one per line or comma separated */
    @DataBoundSetter public void setProtect(String protect) { this.protect = Fields.trimToNull(protect); }
    /** @param protectJobs full names of other jobs whose live images must stay too, one per line or comma separated */
    @DataBoundSetter public void setProtectJobs(String protectJobs) { this.protectJobs = Fields.trimToNull(protectJobs); }
    /** @param dryRun list what would be deleted; delete nothing */
    @DataBoundSetter public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
    /** @param apiUrl the DigitalOcean API base URL (a proxy); empty for the public API */
    @DataBoundSetter public void setApiUrl(String apiUrl) { this.apiUrl = Fields.trimToNull(apiUrl); }
    // @formatter:on

    /** @return finds the jobs named in {@code protectJobs}: Jenkins' own, unless another lookup was given */
    Jobs jobs() {
        return jobs == null ? Jobs.JENKINS : jobs;
    }

    /** @param jobs finds the jobs named in {@code protectJobs}, e.g. jobs a test made */
    void setJobs(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends EngineStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient PruneImagesStep step;

        Execution(StepContext context, PruneImagesStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> call(EngineRun engine) throws Exception {
            return PruneGlue.prune(step, engine, step.jobs()).toMap();
        }
    }

    /** The {@code pruneImages} step, and the form, help and checks of {@link PruneImagesBuilder} too. */
    @Extension
    @Symbol("pruneImages")
    public static final class DescriptorImpl extends StepDescriptor implements ListParameters {
        @Override
        public String getFunctionName() {
            return "pruneImages";
        }

        @Override
        public String getDisplayName() {
            return Messages.get("Prune.DisplayName");
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @Override
        public Set<String> listParameters() {
            return Set.of("protect", "protectJobs");
        }

        // @formatter:off
        @POST public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRequired("credentialsId", value)); }
        @POST public FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkKeep(value)); }
        @POST public FormValidation doCheckRegex(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkRegex("regex", value)); }
        @POST public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) { return Fields.check(item, () -> Fields.checkApiUrl("apiUrl", value)); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class); }
        // @formatter:on
    }
}
