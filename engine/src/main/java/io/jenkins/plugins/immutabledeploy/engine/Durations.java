package io.jenkins.plugins.immutabledeploy.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations the way users of Terraform and Packer write them: {@code 30s},
 * {@code 5m}, {@code 1h30m}, {@code 500ms}, a bare number of seconds, or ISO-8601 ({@code PT5M}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @param field the option or field name, used in the error message
     * @param text the text to parse
     * @return the duration, never negative
     * @throws IllegalArgumentException naming the field and the accepted forms when the text is not a duration
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": a duration is required, e.g. 30s, 5m or 1h30m");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
            throw invalid(field, text);
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(field, text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw invalid(field, text);
        }
        return total;
    }

    /**
     * Parses a duration that may be left out.
     *
     * @param field the option or field name, used in the error message
     * @param text the text to parse, or null or blank
     * @return the duration, or null when the text is null or blank
     * @throws IllegalArgumentException naming the field and the accepted forms when the text is not a duration
     */
    public static Duration parseOrNull(String field, String text) {
        return text == null || text.isBlank() ? null : parse(field, text);
    }

    /**
     * Prints a duration compactly, e.g. {@code 1m30s}, {@code 250ms}, {@code 0s}.
     *
     * @param d the duration
     * @return its short form
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }

    private static IllegalArgumentException invalid(String field, String text) {
        return new IllegalArgumentException(field + ": '" + text
                + "' is not a duration; use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m or 1h30m");
    }
}
