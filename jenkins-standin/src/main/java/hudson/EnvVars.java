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

    /**
     * Replaces {@code $NAME} and {@code ${NAME}} with this map's values; an unknown name stays as written, and
     * {@code $$} is one dollar sign. Values are not expanded again.
     */
    public String expand(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 == s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = s.indexOf('}', i + 2);
                String name = close < 0 ? null : s.substring(i + 2, close);
                if (name != null && !name.isEmpty() && name.chars().allMatch(ch -> isNameChar(ch) || ch == '.')
                        && get(name) != null) {
                    out.append(get(name));
                    i = close + 1;
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                int end = i + 1;
                while (end < s.length() && isNameChar(s.charAt(end))) {
                    end++;
                }
                String name = s.substring(i + 1, end);
                if (!name.isEmpty() && get(name) != null) {
                    out.append(get(name));
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static boolean isNameChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    public String get(String key, String defaultValue) {
        String v = get(key);
        return v == null ? defaultValue : v;
    }
}
