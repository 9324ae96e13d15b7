package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;

/**
 * Parsing and syntax checks of step fields shared by the Pipeline steps and the freestyle builders.
 * List fields are one value per line or comma separated, so they fit a text box and a Pipeline string;
 * a Pipeline may give them as a Groovy list too ({@link #listsAsText}).
 */
public final class Fields {
    private Fields() {}

    /**
     * Whether the caller of a form's web method may have an answer: Item/Configure on the job being configured, or
     * Overall/Administer outside any job (the global snippet generator). Anyone else learns nothing from these URLs:
     * no check result, no credential ids.
     *
     * @param item the job the form belongs to ({@code @AncestorInPath}), or null outside one
     * @return whether the caller may configure it
     */
    public static boolean mayConfigure(Item item) {
        return item != null ? item.hasPermission(Item.CONFIGURE) : Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /**
     * A form check answered only for callers who {@link #mayConfigure may configure} the job.
     *
     * @param item the job the form belongs to, or null outside one
     * @param check the check of the field's value
     * @return the check's result, or OK with no message for anyone else
     */
    public static FormValidation check(Item item, Supplier<FormValidation> check) {
        return mayConfigure(item) ? check.get() : FormValidation.ok();
    }

    /**
     * Pipeline arguments with each Groovy list given for a list field turned into the text the field holds, one
     * entry per line: {@code urls: ['https://a/health', 'https://b/health']} binds as the two-line text a freestyle
     * text area holds. Entries may be strings (GStrings included) or numbers (image ids); a text value is left as
     * it is.
     *
     * @param arguments the step's arguments, as the Pipeline gave them
     * @param listFields the fields that hold lists
     * @return the arguments to bind
     * @throws IllegalArgumentException naming the field when an entry is not text or a number
     */
    public static Map<String, Object> listsAsText(Map<String, Object> arguments, Set<String> listFields) {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        out.replaceAll((field, value) -> listFields.contains(field) && value instanceof List<?> l ? lines(field, l) : value);
        return out;
    }

    /**
     * The reverse of {@link #listsAsText} for the snippet generator: a list field holding several entries is shown
     * as a Groovy list, one holding a single value as that value.
     *
     * @param ud the step as its fields describe it
     * @param listFields the fields that hold lists
     * @return the same step, with lists where a field holds several entries
     */
    public static UninstantiatedDescribable textAsLists(UninstantiatedDescribable ud, Set<String> listFields) {
        Map<String, Object> out = new LinkedHashMap<>(ud.getArguments());
        out.replaceAll((field, value) -> listFields.contains(field) && value instanceof String s && list(s).size() > 1
                ? list(s) : value);
        return ud.withArguments(out);
    }

    private static String lines(String field, List<?> entries) {
        List<String> text = new ArrayList<>();
        for (Object e : entries) {
            if (!(e instanceof CharSequence || e instanceof Number)) {
                String kind = e == null ? "null" : e instanceof Map ? "a map" : e instanceof Collection ? "a list"
                        : "a " + e.getClass().getSimpleName();
                throw new IllegalArgumentException(Messages.get("Fields.badListEntry", field, kind));
            }
            text.add(e.toString());
        }
        return String.join("\n", text);
    }

    /**
     * @param s a value
     * @return the trimmed value, or null when blank
     */
    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * @param value a value
     * @param dflt what a blank value stands for
     * @return the trimmed value, or the default when blank
     */
    public static String or(String value, String dflt) {
        return trimToNull(value) == null ? dflt : value.trim();
    }

    /**
     * @param s lines or comma-separated values
     * @return the non-blank values, trimmed
     */
    public static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String part : s.split("[,\\n]")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /**
     * @param field the field name, for the message
     * @param s lines of {@code NAME=VALUE}
     * @return the pairs in order
     * @throws IllegalArgumentException naming the field and the bad line
     */
    public static Map<String, String> pairs(String field, String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s != null) {
            for (String line : s.split("\\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(Messages.get("Fields.badPair", field, line.trim()));
                }
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1));
            }
        }
        return out;
    }

    /**
     * @param field the field name
     * @param value a duration such as {@code 30m}, or blank
     * @return OK, or the parse error
     */
    public static FormValidation checkDuration(String field, String value) {
        return check(() -> Durations.parseOrNull(field, value));
    }

    /**
     * @param field the field name
     * @param value lines of {@code NAME=VALUE}
     * @return OK, or which line is wrong
     */
    public static FormValidation checkPairs(String field, String value) {
        return check(() -> pairs(field, value));
    }

    /**
     * @param field the field name
     * @param value a variable name
     * @return OK, or why it is not a variable name
     */
    public static FormValidation checkVariableName(String field, String value) {
        if (trimToNull(value) == null) {
            return FormValidation.error(Messages.get("Fields.required", field));
        }
        if (!value.trim().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return FormValidation.error(Messages.get("Fields.badVariable", field, value.trim()));
        }
        return FormValidation.ok();
    }

    /**
     * @param field the field name
     * @param value the value
     * @return OK, or that the field is required
     */
    public static FormValidation checkRequired(String field, String value) {
        return trimToNull(value) == null ? FormValidation.error(Messages.get("Fields.required", field)) : FormValidation.ok();
    }

    /**
     * @param value {@code cleanup}, {@code abort}, {@code run-cleanup-provisioner} or blank
     * @return OK, or the accepted values
     */
    public static FormValidation checkOnError(String value) {
        // The bake request's own check, so the form says exactly what a run would.
        return check(() -> BakeRequest.builder("-").onError(value).build());
    }

    /**
     * @param value endpoint URLs, one per line or comma separated
     * @return OK, or which URL is not an http(s) URL
     */
    public static FormValidation checkUrls(String value) {
        List<String> urls = list(value);
        if (urls.isEmpty()) {
            return FormValidation.error(Messages.get("Verify.urlsRequired"));
        }
        for (String u : urls) {
            if (okhttp3.HttpUrl.parse(u) == null) {
                return FormValidation.error(Messages.get("Fields.badUrl", u));
            }
        }
        return FormValidation.ok();
    }

    /**
     * @param value status ranges such as {@code 200:299,301}
     * @return OK, or the parse error
     */
    public static FormValidation checkStatus(String value) {
        // The health check's own check, so the form says exactly what a run would.
        return check(() -> VerifyRequest.builder().urls(List.of("http://localhost/"),
                c -> c.status(trimToNull(value) == null ? VerifyRequest.DEFAULT_STATUS : value.trim())).build());
    }

    /**
     * @param value how many snapshots to keep, as typed
     * @return OK, or that it must be a whole number of at least 1
     */
    public static FormValidation checkKeep(String value) {
        String v = trimToNull(value);
        try {
            if (v != null && Integer.parseInt(v) >= 1) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException e) {
            // reported below, with the field's own message
        }
        return FormValidation.error(Messages.get("Fields.badKeep", v == null ? "" : v));
    }

    /**
     * @param field the field name
     * @param value a regular expression, or blank
     * @return OK, or why it does not compile
     */
    public static FormValidation checkRegex(String field, String value) {
        String v = trimToNull(value);
        try {
            if (v != null) {
                java.util.regex.Pattern.compile(v);
            }
            return FormValidation.ok();
        } catch (java.util.regex.PatternSyntaxException e) {
            return FormValidation.error(Messages.get("Fields.badRegex", field, v, e.getDescription()));
        }
    }

    /**
     * @param field the field name
     * @param value an API base URL, or blank for the default
     * @return OK, or that it is not an http(s) URL
     */
    public static FormValidation checkApiUrl(String field, String value) {
        String v = trimToNull(value);
        return v == null || okhttp3.HttpUrl.parse(v) != null ? FormValidation.ok()
                : FormValidation.error(Messages.get("Fields.badApiUrl", field, v));
    }

    private static FormValidation check(Runnable parse) {
        try {
            parse.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
