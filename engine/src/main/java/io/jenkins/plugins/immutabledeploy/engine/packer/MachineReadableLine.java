package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.ArrayList;
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
        String[] parts = raw.split(",", -1);
        if (parts.length < 3 || !isTimestamp(parts[0]) || !isType(parts[2])) {
            return null;
        }
        List<String> data = new ArrayList<>(parts.length - 3);
        for (int i = 3; i < parts.length; i++) {
            data.add(unescape(parts[i]));
        }
        return new MachineReadableLine(Long.parseLong(parts[0]), parts[1], parts[2], data);
    }

    /**
     * Undoes Packer's escaping of one field.
     *
     * @param field an escaped field
     * @return the field with commas and line breaks restored
     */
    public static String unescape(String field) {
        if (field.indexOf('%') < 0 && field.indexOf('\\') < 0) {
            return field;
        }
        return field.replace("%!(PACKER_COMMA)", ",").replace("\\n", "\n").replace("\\r", "\r");
    }

    /**
     * @param i a field index
     * @return the data field at that index, or null when the line is shorter
     */
    public String field(int i) {
        return i < data.size() ? data.get(i) : null;
    }

    private static boolean isTimestamp(String s) {
        // 18 digits stay well inside a long; Packer prints 10.
        return isDigits(s, 18);
    }

    /**
     * @param s a field
     * @param maxLength the most digits accepted
     * @return whether the field is 1 to maxLength ASCII digits
     */
    static boolean isDigits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isType(String s) {
        if (s.isEmpty() || s.length() > 64 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
