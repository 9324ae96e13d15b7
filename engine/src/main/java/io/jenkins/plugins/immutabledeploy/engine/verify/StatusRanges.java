package io.jenkins.plugins.immutabledeploy.engine.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status codes a health check accepts, written as codes and inclusive ranges separated
 * by commas: {@code 200}, {@code 200:299}, {@code 200:299,301}. Immutable.
 */
public final class StatusRanges {
    private final int[][] ranges;
    private final String text;

    private StatusRanges(int[][] ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses ranges.
     *
     * @param field the option or field name, used in the error message
     * @param text e.g. {@code 200:299,301}
     * @return the ranges
     * @throws IllegalArgumentException naming the field, the bad part and the accepted form
     */
    public static StatusRanges parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": status ranges are required, e.g. 200 or 200:299,301");
        }
        List<int[]> out = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            String[] ends = p.split(":", -1);
            if (ends.length > 2) {
                throw invalid(field, text, p);
            }
            int lo = code(field, text, ends[0]);
            int hi = ends.length == 2 ? code(field, text, ends[1]) : lo;
            if (hi < lo) {
                throw new IllegalArgumentException(field + ": in '" + text + "' the range '" + p
                        + "' ends before it starts; write the lower code first, e.g. 200:299");
            }
            out.add(new int[] {lo, hi});
            normal.add(lo == hi ? Integer.toString(lo) : lo + ":" + hi);
        }
        return new StatusRanges(out.toArray(new int[0][]), String.join(",", normal));
    }

    private static int code(String field, String text, String s) {
        String t = s.trim();
        if (t.length() != 3 || !t.chars().allMatch(Character::isDigit)) {
            throw invalid(field, text, s);
        }
        int c = Integer.parseInt(t);
        if (c < 100 || c > 599) {
            throw new IllegalArgumentException(field + ": in '" + text + "' the code " + c
                    + " is not an HTTP status; codes run from 100 to 599");
        }
        return c;
    }

    private static IllegalArgumentException invalid(String field, String text, String part) {
        return new IllegalArgumentException(field + ": in '" + text + "' the part '" + part.trim()
                + "' is not a status code or range; use codes and ranges separated by commas, e.g. 200 or 200:299,301");
    }

    /**
     * @param status an HTTP status code
     * @return whether it is accepted
     */
    public boolean accepts(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** @return the normalised form, e.g. {@code 200:299,301} */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusRanges s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
