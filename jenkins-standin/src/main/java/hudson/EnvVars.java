package hudson;

import java.util.Map;
import java.util.TreeMap;

/** Stand-in: environment variables of a build, a sorted map here. */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {}

    public EnvVars(Map<String, String> m) {
        super(m);
    }

    public void override(String key, String value) {
        if (value == null || value.isEmpty()) {
            remove(key);
        } else {
            put(key, value);
        }
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }
}
