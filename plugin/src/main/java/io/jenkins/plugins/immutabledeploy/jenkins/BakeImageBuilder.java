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
 * The freestyle form of {@link BakeImageStep}: the same fields, and the image exported as {@code IMAGE_ID},
 * {@code IMAGE_NAME}, {@code IMAGE_REGIONS}, {@code IMAGE_ARTIFACT_ID} and {@code IMAGE_BUILDER}.
 */
public final class BakeImageBuilder extends EngineBuilder implements BakeGlue.Options {
    /** Holds the fields, so both forms bind and default them the same way. */
    private final BakeImageStep options;

    /** @param template the Packer template, relative to the workspace */
    @DataBoundConstructor
    public BakeImageBuilder(String template) {
        this.options = new BakeImageStep(template);
    }

    // @formatter:off
    @Override public String getTemplate() { return options.getTemplate(); }
    @Override public String getVars() { return options.getVars(); }
    @Override public String getVarFiles() { return options.getVarFiles(); }
    @Override public String getOnly() { return options.getOnly(); }
    @Override public String getExcept() { return options.getExcept(); }
    @Override public String getOnError() { return options.getOnError(); }
    @Override public String getTimeout() { return options.getTimeout(); }
    @Override public String getPacker() { return options.getPacker(); }
    @Override public String getCredentialsId() { return options.getCredentialsId(); }
    @Override public List<SecretBinding> getSecrets() { return options.getSecrets(); }
    @Override public boolean isSkipIfExists() { return options.isSkipIfExists(); }
    @Override public String getImageName() { return options.getImageName(); }
    @Override public String getApiUrl() { return options.getApiUrl(); }
    @DataBoundSetter public void setVars(String vars) { options.setVars(vars); }
    @DataBoundSetter public void setVarFiles(String varFiles) { options.setVarFiles(varFiles); }
    @DataBoundSetter public void setOnly(String only) { options.setOnly(only); }
    @DataBoundSetter public void setExcept(String except) { options.setExcept(except); }
    @DataBoundSetter public void setOnError(String onError) { options.setOnError(onError); }
    @DataBoundSetter public void setTimeout(String timeout) { options.setTimeout(timeout); }
    @DataBoundSetter public void setPacker(String packer) { options.setPacker(packer); }
    @DataBoundSetter public void setCredentialsId(String credentialsId) { options.setCredentialsId(credentialsId); }
    @DataBoundSetter public void setSecrets(List<SecretBinding> secrets) { options.setSecrets(secrets); }
    @DataBoundSetter public void setSkipIfExists(boolean skipIfExists) { options.setSkipIfExists(skipIfExists); }
    @DataBoundSetter public void setImageName(String imageName) { options.setImageName(imageName); }
    @DataBoundSetter public void setApiUrl(String apiUrl) { options.setApiUrl(apiUrl); }
    // @formatter:on

    @Override
    protected Map<String, String> call(EngineRun engine) throws Exception {
        BakeGlue.Options fields = Expanded.of(BakeGlue.Options.class, this, engine.environment());
        return BakeGlue.variables(BakeGlue.bake(fields, engine));
    }

    /** The "Bake a machine image with Packer" build step: the form, help and checks of {@link BakeImageStep}. */
    @Extension
    @Symbol("bakeImageBuilder")
    public static final class DescriptorImpl extends StepBuilderDescriptor<BakeImageStep.DescriptorImpl> {
        public DescriptorImpl() {
            super(BakeImageStep.DescriptorImpl.class);
        }

        // @formatter:off
        @POST public FormValidation doCheckTemplate(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckTemplate(item, value); }
        @POST public FormValidation doCheckVars(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckVars(item, value); }
        @POST public FormValidation doCheckOnError(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckOnError(item, value); }
        @POST public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckTimeout(item, value); }
        @POST public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) { return step().doCheckApiUrl(item, value); }
        @POST public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) { return step().doFillCredentialsIdItems(item, credentialsId); }
        // @formatter:on
    }
}
