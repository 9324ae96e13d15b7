package io.jenkins.plugins.immutabledeploy.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Reads credentials for a run: looked up in the run's context (folder and global stores, as the
 * credentials plugin decides), their use tracked on the run, their values returned for the engine,
 * which masks them.
 */
public final class CredentialsLookup {
    /** The credential kinds a {@link SecretBinding} accepts, as named in messages. */
    static final String SECRET_TEXT = "Secret text";
    static final String USERNAME_PASSWORD = "Username with password";

    /** How a deployment record names a variable's credential. */
    static final String SOURCE_PREFIX = "credentials:";

    private CredentialsLookup() {}

    /**
     * Reads a secret variable again from where a deployment record says it came from, for a rollback.
     *
     * @param run the build
     * @param variable the variable name ({@code db_password} of a Username with password binding {@code db})
     * @param source {@code credentials:<id>}
     * @return the value
     * @throws AbortException when the source is not a credential or the credential is gone
     */
    public static String secretVariable(Run<?, ?> run, String variable, String source) throws AbortException {
        if (source == null || !source.startsWith(SOURCE_PREFIX)) {
            throw new AbortException(Messages.get("CredentialsLookup.notACredential", variable, source));
        }
        String id = source.substring(SOURCE_PREFIX.length());
        StandardCredentials c = find(run, "secrets", id, SECRET_TEXT + " or " + USERNAME_PASSWORD);
        if (c instanceof StringCredentials s) {
            return s.getSecret().getPlainText();
        }
        if (c instanceof StandardUsernamePasswordCredentials u) {
            return variable.endsWith("_username") ? u.getUsername() : u.getPassword().getPlainText();
        }
        throw wrongType("secrets", id, SECRET_TEXT + " or " + USERNAME_PASSWORD, c);
    }

    /**
     * The value of a Secret text credential, e.g. the cloud API token.
     *
     * @param run the build using it
     * @param field the step field that names it, for messages
     * @param id the credential id
     * @return the secret value
     * @throws AbortException when there is no such credential or it is not Secret text
     */
    public static String secretText(Run<?, ?> run, String field, String id) throws AbortException {
        StandardCredentials c = find(run, field, id, SECRET_TEXT);
        if (c instanceof StringCredentials s) {
            return s.getSecret().getPlainText();
        }
        throw wrongType(field, id, SECRET_TEXT, c);
    }

    /**
     * The variables of a {@code secrets} list: Secret text gives {@code variable}, Username with password gives
     * {@code variable_username} and {@code variable_password}.
     *
     * @param run the build using them
     * @param bindings the list
     * @return variable name to value, in list order
     * @throws AbortException when a credential is missing, of another type, or an entry is incomplete
     */
    public static Map<String, String> secrets(Run<?, ?> run, List<SecretBinding> bindings) throws AbortException {
        return secrets(run, bindings, new LinkedHashMap<>());
    }

    /**
     * As {@link #secrets(Run, List)}, also saying where each variable came from ({@code credentials:<id>}): a
     * deployment record keeps that instead of the value, so a rollback can read the credential again.
     *
     * @param run the build using them
     * @param bindings the list
     * @param sources receives variable name to source
     * @return variable name to value, in list order
     * @throws AbortException when a credential is missing, of another type, or an entry is incomplete
     */
    public static Map<String, String> secrets(Run<?, ?> run, List<SecretBinding> bindings, Map<String, String> sources)
            throws AbortException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (SecretBinding b : bindings) {
            if (b.getCredentialsId() == null || b.getVariable() == null) {
                throw new AbortException(Messages.get("CredentialsLookup.incomplete", String.valueOf(b.getCredentialsId() == null ? "" : b.getCredentialsId()), String.valueOf(b.getVariable() == null ? "" : b.getVariable())));
            }
            String expected = SECRET_TEXT + " or " + USERNAME_PASSWORD;
            StandardCredentials c = find(run, "secrets", b.getCredentialsId(), expected);
            if (c instanceof StringCredentials s) {
                vars.put(b.getVariable(), s.getSecret().getPlainText());
            } else if (c instanceof StandardUsernamePasswordCredentials u) {
                vars.put(b.getVariable() + "_username", u.getUsername());
                vars.put(b.getVariable() + "_password", u.getPassword().getPlainText());
            } else {
                throw wrongType("secrets", b.getCredentialsId(), expected, c);
            }
            vars.keySet().forEach(v -> sources.putIfAbsent(v, SOURCE_PREFIX + b.getCredentialsId()));
        }
        return vars;
    }

    /**
     * The drop-down of a credentials field, as the credentials plugin's consumer guide has it: only a caller who
     * {@link Fields#mayConfigure may configure} the job sees its credentials; everyone else sees just the current
     * value, so the list leaks no ids. The credentials listed are those the job's builds can use: looked up as the
     * job's authentication ({@code Tasks.getAuthenticationOf2}, which is SYSTEM unless an authenticator such as
     * Authorize Project says otherwise), or as SYSTEM for an item that is not a queue task. The current value is kept,
     * so saving the form never changes it silently.
     *
     * @param item the item being configured, or null outside one (then the caller needs Overall/Administer)
     * @param current the current value
     * @param types the credential types to list, each a type the field works with
     * @return the options
     */
    @SafeVarargs
    public static ListBoxModel fillItems(Item item, String current, Class<? extends StandardCredentials>... types) {
        StandardListBoxModel model = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (!Fields.mayConfigure(item)) {
            return model.includeCurrentValue(value);
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        model.includeEmptyValue();
        for (Class<? extends StandardCredentials> type : types) {
            model.includeAs(as, item, type, URIRequirementBuilder.create().build());
        }
        return model.includeCurrentValue(value);
    }

    private static StandardCredentials find(Run<?, ?> run, String field, String id, String expected) throws AbortException {
        StandardCredentials c = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        if (c == null) {
            throw new AbortException(Messages.get("CredentialsLookup.missing", field, id, expected));
        }
        CredentialsProvider.track(run, c);
        return c;
    }

    private static AbortException wrongType(String field, String id, String expected, StandardCredentials c) {
        return new AbortException(Messages.get("CredentialsLookup.wrongType", field, id, expected, kind(c)));
    }

    static String kind(StandardCredentials c) {
        if (c instanceof StringCredentials) {
            return SECRET_TEXT;
        }
        if (c instanceof StandardUsernamePasswordCredentials) {
            return USERNAME_PASSWORD;
        }
        Class<?>[] types = c.getClass().getInterfaces();
        return types.length == 0 ? c.getClass().getSimpleName()
                : types[0].getSimpleName() + " (" + c.getClass().getSimpleName() + ")";
    }
}
