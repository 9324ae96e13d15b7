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
 * The freestyle form of {@link PruneImagesStep}: the same fields, and the outcome exported as
 * {@code PRUNED_IMAGE_IDS}, {@code KEPT_IMAGE_IDS}, {@code PROTECTED_IMAGE_IDS} and {@code PRUNE_DRY_RUN}.
 */
public final class PruneImagesBuilder extends EngineBuilder implements PruneGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final PruneImagesStep options;

    /**
     * @param credentialsId a Secret text credential with the DigitalOcean token
     * @param keep how many of the newest matching snapshots to keep (at least 1)
     */
    @DataBoundConstructor
    public PruneImagesBuilder(String credentialsId, int keep) {
        this.options = new PruneImagesStep(credentialsId, keep);
    }

    // @formatter:off
    @Override public String getCredentialsId() { return options.getCredentialsId(); }
    @Override public int getKeep() { return options.getKeep(); }
    @Override public String getPrefix() { return options.getPrefix(); }
    @Override public String getRegex() { return options.getRegex(); }
    @Override public String getProtect() { return options.getProtect(); }
    @Override public String getProtectJobs() { return options.getProtectJobs(); }
    @Override public boolean isDryRun() { return options.isDryRun(); }
    @Override public String getApiUrl() { return options.getApiUrl(); }
    @DataBoundSetter public void setPrefix(String prefix) { options.setPrefix(prefix); }
    @DataBoundSetter public void setRegex(String regex) { options.setRegex(regex); }
    @DataBoundSetter public void setProtect(String protect) { options.setProtect(protect); }
    @DataBoundSetter public void setProtectJobs(String protectJobs) { options.setProtectJobs(protectJobs); }
    @DataBoundSetter public void setDryRun(boolean dryRun) { options.setDryRun(dryRun); }
    @DataBoundSetter public void setApiUrl(String apiUrl) { options.setApiUrl(apiUrl); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        PruneGlue.Options fields = Expanded.of(PruneGlue.Options.class, this, engine.environment());
        return PruneGlue.variables(PruneGlue.prune(fields, engine, options.jobs()));
    }

    /** The "Prune old DigitalOcean snapshots" build step: the form, help and checks of {@link PruneImagesStep}. */
    @Extension
    @Symbol("pruneImagesBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<PruneImagesStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(PruneImagesStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckCredentialsId(item, value); }
        @POST public FormValidation doCheckKeep(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckKeep(item, value); }
        @POST public FormValidation doCheckRegex(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckRegex(item, value); }
        @POST public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckApiUrl(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
