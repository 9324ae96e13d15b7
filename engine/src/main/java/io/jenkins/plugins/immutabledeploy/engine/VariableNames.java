package io.jenkins.plugins.immutabledeploy.engine;

import java.util.regex.Pattern;

/**
 * The variable names Packer and Terraform/OpenTofu accept. Both tools read secret variables from
 * {@code PKR_VAR_<name>} / {@code TF_VAR_<name>}, so a name must also be a usable environment
 * variable suffix.
 */
public final class VariableNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private VariableNames() {}

    /**
     * Checks a variable name.
     *
     * @param tool the tool whose variable it is, for the message ({@code Packer}, {@code Terraform})
     * @param field the request field that holds it, for the message
     * @param name the name
     * @throws IllegalArgumentException naming the field, the name and the accepted form
     */
    public static void check(String tool, String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ": '" + name + "' is not a " + tool + " variable name; use letters,"
                    + " digits, '_' and '-', starting with a letter or '_'");
        }
    }
}
