package io.jenkins.plugins.immutabledeploy.trigger;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The trigger's user-facing texts, from {@code Messages.properties} next to this class. */
final class Messages {
    private Messages() {}

    /**
     * @param key the key
     * @param args values for the {@code {0}}, {@code {1}}, ... placeholders
     * @return the text
     */
    static String format(String key, Object... args) {
        String pattern = ResourceBundle.getBundle(Messages.class.getName(), Locale.getDefault(),
                Messages.class.getClassLoader()).getString(key);
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }
}
