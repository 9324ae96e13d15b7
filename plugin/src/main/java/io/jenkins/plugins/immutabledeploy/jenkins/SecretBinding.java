package io.jenkins.plugins.immutabledeploy.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of a step's {@code secrets} list: a credential handed to the tool as a variable. A Secret
 * text credential gives the variable {@code variable}; a Username with password credential gives two,
 * {@code variable_username} and {@code variable_password}. The tools see them as {@code PKR_VAR_*} /
 * {@code TF_VAR_*} environment variables, never on the command line.
 */
@SuppressWarnings("deprecation")
public final class SecretBinding extends AbstractDescribableImpl<SecretBinding> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    private final String variable;

    /**
     * @param credentialsId the id of a Secret text or Username with password credential
     * @param variable the tool variable name, e.g. {@code db_password}
     */
    @DataBoundConstructor
    public SecretBinding(String credentialsId, String variable) {
        this.credentialsId = Fields.trimToNull(credentialsId);
        this.variable = Fields.trimToNull(variable);
    }

    /** @return the credential id */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @return the variable name */
    public String getVariable() {
        return variable;
    }

    /** The form and the Pipeline symbol {@code secret(credentialsId: ..., variable: ...)}. */
    @Extension
    @Symbol("secret")
    public static final class DescriptorImpl extends Descriptor<SecretBinding> {
        @Override
        public String getDisplayName() {
            return Messages.get("SecretBinding.DisplayName");
        }

        /**
         * @param item the job being configured
         * @param value the variable name typed so far
         * @return an error unless it is a valid variable name
         */
        @POST
        public FormValidation doCheckVariable(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> Fields.checkVariableName("variable", value));
        }

        /**
         * @param item the job being configured
         * @param credentialsId the current value
         * @return the Secret text and Username with password credentials, the two kinds a binding reads
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsLookup.fillItems(item, credentialsId, StringCredentials.class,
                    StandardUsernamePasswordCredentials.class);
        }
    }
}
