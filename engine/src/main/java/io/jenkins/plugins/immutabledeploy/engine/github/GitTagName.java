package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.Optional;

/**
 * Whether a release's tag is a name git accepts for a tag: {@code git check-ref-format} applied to
 * {@code refs/tags/<tag>}, plus {@code git tag}'s own refusal of a leading {@code -}. GitHub creates
 * only such tags, so a tag that breaks a rule did not come from a real release; refusing it keeps
 * control characters, spaces and shell-special characters out of {@code RELEASE_TAG}, where a
 * newline would add a line to a {@code vars} text and a leading {@code -} would read as an option.
 *
 * <p>The rules, each refused with its own reason: empty; a leading {@code -}; an ASCII control
 * character (below U+0020, or U+007F); a space, {@code ~ ^ : ? * [ \}; {@code ..}; {@code @{}; an
 * empty path component (a leading, trailing or doubled {@code /}); a component that begins with
 * {@code .} or ends with {@code .lock}; a trailing {@code .}. Other characters, non-ASCII letters
 * included, are allowed as git allows them.
 */
public final class GitTagName {
    /** The longest tag quoted in a message; longer ones are cut with an ellipsis. */
    private static final int QUOTE_LIMIT = 80;

    private GitTagName() {}

    /**
     * @param tag a tag name as a release carries it ({@code v1.2.3}, not {@code refs/tags/v1.2.3})
     * @return why git would refuse it, or empty when it is a valid tag name
     */
    public static Optional<String> problem(String tag) {
        if (tag == null || tag.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (tag.charAt(0) == '-') {
            return Optional.of("it begins with '-' (git tag refuses it; a command line would read it as an option)");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("it contains the control character U+%04X", (int) c));
            }
            if (c == ' ') {
                return Optional.of("it contains a space");
            }
            if ("~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("it contains '" + c + "'");
            }
        }
        if (tag.contains("..")) {
            return Optional.of("it contains '..'");
        }
        if (tag.contains("@{")) {
            return Optional.of("it contains '@{'");
        }
        for (String component : tag.split("/", -1)) {
            if (component.isEmpty()) {
                return Optional.of("it has an empty path component (a leading, trailing or doubled '/')");
            }
            if (component.startsWith(".")) {
                return Optional.of("a path component begins with '.'");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("a path component ends with '.lock'");
            }
        }
        if (tag.endsWith(".")) {
            return Optional.of("it ends with '.'");
        }
        return Optional.empty();
    }

    /**
     * A tag as a message may show it: control characters as {@code \}{@code uXXXX}, at most
     * {@value #QUOTE_LIMIT} characters, so a refused tag cannot add a line to a log or an answer.
     *
     * @param tag the tag, possibly invalid
     * @return the printable form, in single quotes
     */
    public static String quote(String tag) {
        if (tag == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("'");
        int end = Math.min(tag.length(), QUOTE_LIMIT);
        for (int i = 0; i < end; i++) {
            char c = tag.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || c == '\u0085') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(tag.length() > QUOTE_LIMIT ? "…'" : "'").toString();
    }
}
