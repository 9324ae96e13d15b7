package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.Arrays;
import java.util.List;

/**
 * One line of Packer's {@code -machine-readable} output: {@code timestamp,target,type,data...},
 * with the data fields unescaped ({@code %!(PACKER_COMMA)} is a comma, {@code \n} and {@code \r}
 * are line breaks).
 *
 * @param timestamp seconds since the epoch, as Packer printed it
 * @param target the build the line is about, or empty
 * @param type the message type, e.g. {@code ui}, {@code artifact}, {@code error}
 * @param data the unescaped data fields
 */
public record MachineReadableLine(long timestamp, String target, String type, List<String> data) {
    private static final String COMMA = "%!(PACKER_COMMA)";

    /** Copies the data. */
    public MachineReadableLine {
        data = List.copyOf(data);
    }

    /**
     * Parses a line. Never throws: anything that is not a machine-readable line gives null.
     *
     * @param raw the line, without its terminator; may be null
     * @return the parsed line, or null when it is not in Packer's machine-readable form
     */
    public static MachineReadableLine parse(String raw) {
        if (raw == null) {
            return null;
        }
        // By hand rather than String.split: every line of a bake comes through here, and the
        // fields are found with three indexOf calls and no intermediate lists.
        int c1 = raw.indexOf(',');
        int c2 = c1 < 0 ? -1 : raw.indexOf(',', c1 + 1);
        if (c2 < 0 || !isDigits(raw, 0, c1, 18)) {
            return null;
        }
        int c3 = raw.indexOf(',', c2 + 1);
        int typeEnd = c3 < 0 ? raw.length() : c3;
        if (!isType(raw, c2 + 1, typeEnd)) {
            return null;
        }
        List<String> data;
        if (c3 < 0) {
            data = List.of();
        } else {
            String[] fields = new String[4];
            int count = 0;
            for (int start = c3 + 1; ; ) {
                int end = raw.indexOf(',', start);
                if (count == fields.length) {
                    fields = Arrays.copyOf(fields, count * 2);
                }
                fields[count++] = unescape(raw.substring(start, end < 0 ? raw.length() : end));
                if (end < 0) {
                    break;
                }
                start = end + 1;
            }
            data = List.of(count == fields.length ? fields : Arrays.copyOf(fields, count));
        }
        return new MachineReadableLine(Long.parseLong(raw, 0, c1, 10), raw.substring(c1 + 1, c2),
                raw.substring(c2 + 1, typeEnd), data);
    }

    /**
     * Undoes Packer's escaping of one field.
     *
     * @param field an escaped field
     * @return the field with commas and line breaks restored
     */
    public static String unescape(String field) {
        int percent = field.indexOf('%');
        int backslash = field.indexOf('\\');
        if (percent < 0 && backslash < 0) {
            return field;
        }
        // One pass (three String.replace calls read a line up to six times); the same result as
        // replacing %!(PACKER_COMMA), then \n, then \r.
        StringBuilder sb = new StringBuilder(field.length());
        int copied = 0;
        while (percent >= 0 || backslash >= 0) {
            int i;
            String with = null;
            int length = 0;
            if (percent >= 0 && (backslash < 0 || percent < backslash)) {
                i = percent;
                if (field.startsWith(COMMA, i)) {
                    with = ",";
                    length = COMMA.length();
                }
            } else {
                i = backslash;
                char next = i + 1 < field.length() ? field.charAt(i + 1) : 0;
                if (next == 'n' || next == 'r') {
                    with = next == 'n' ? "\n" : "\r";
                    length = 2;
                }
            }
            int resume = i + 1;
            if (with != null) {
                sb.append(field, copied, i).append(with);
                copied = resume = i + length;
            }
            if (percent >= 0 && percent < resume) {
                percent = field.indexOf('%', resume);
            }
            if (backslash >= 0 && backslash < resume) {
                backslash = field.indexOf('\\', resume);
            }
        }
        return copied == 0 ? field : sb.append(field, copied, field.length()).toString();
    }

    /**
     * @param i a field index
     * @return the data field at that index, or null when the line is shorter
     */
    public String field(int i) {
        return i < data.size() ? data.get(i) : null;
    }

    /**
     * @param s a field
     * @param maxLength the most digits accepted
     * @return whether the field is 1 to maxLength ASCII digits
     */
    static boolean isDigits(String s, int maxLength) {
        return isDigits(s, 0, s.length(), maxLength);
    }

    /** Whether {@code s[from, to)} is 1 to maxLength ASCII digits (18 stay well inside a long; Packer prints 10). */
    private static boolean isDigits(String s, int from, int to, int maxLength) {
        if (to <= from || to - from > maxLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isType(String s, int from, int to) {
        if (to <= from || to - from > 64 || s.charAt(from) < 'a' || s.charAt(from) > 'z') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
