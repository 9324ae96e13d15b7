package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.Locale;

/**
 * What Packer does when a build fails, passed as {@code -on-error}. Packer's {@code ask} is not
 * offered: it waits for a keypress that never comes on a build agent.
 */
public enum OnError {
    /** Destroy the build machine and temporary resources (Packer's default). */
    CLEANUP(BakeRequest.DEFAULT_ON_ERROR),
    /** Leave everything as it is, for debugging; the user destroys it by hand. */
    ABORT("abort"),
    /** Run the template's {@code error-cleanup-provisioner}, then clean up. */
    RUN_CLEANUP_PROVISIONER("run-cleanup-provisioner");

    private final String flag;

    OnError(String flag) {
        this.flag = flag;
    }

    /** @return the value of Packer's {@code -on-error} flag */
    public String flag() {
        return flag;
    }

    /**
     * Reads the value users write: {@code cleanup}, {@code abort} or {@code run-cleanup-provisioner}.
     *
     * @param field the option or field name, for the error message
     * @param text the value; null or blank gives {@link #CLEANUP}
     * @return the choice
     * @throws IllegalArgumentException naming the field and the accepted values
     */
    public static OnError parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return CLEANUP;
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (OnError o : values()) {
            if (o.flag.equals(t)) {
                return o;
            }
        }
        String why = t.equals("ask") ? " ('ask' waits for a keypress and would hang the build)" : "";
        throw new IllegalArgumentException(field + ": '" + text + "' is not accepted" + why
                + "; use cleanup, abort or run-cleanup-provisioner");
    }
}
