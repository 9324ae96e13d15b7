package hudson.util;

import java.io.Serializable;

/** Stand-in: a secret value; kept in clear here because nothing is persisted. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public String getPlainText() {
        return value;
    }

    public static String toString(Secret s) {
        return s == null ? "" : s.value;
    }

    /** Never the value, as upstream's encrypted form never is. */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
