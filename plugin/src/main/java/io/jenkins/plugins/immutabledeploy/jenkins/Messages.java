package io.jenkins.plugins.immutabledeploy.jenkins;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The plugin's user-facing texts, read from {@code Messages.properties} next to this class. Jenkins
 * plugins usually generate this class with the localizer Maven plugin, which is not available here; a
 * bundle lookup by key gives the same result.
 */
public final class Messages {
    private static final String BUNDLE = Messages.class.getName();

    private Messages() {}

    /**
     * Formats one text.
     *
     * @param key the key in {@code Messages.properties}
     * @param args the values for its {@code {0}}, {@code {1}}, ... placeholders
     * @return the text
     */
    public static String get(String key, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader()).getString(key);
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
