package io.jenkins.plugins.immutabledeploy.engine.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows the secret values of one run and replaces every occurrence of them with {@value #MASK}.
 *
 * <p>Each secret is matched as written, JSON-escaped (how it appears inside Terraform's and
 * Packer's JSON output, including the escapes Go's encoder writes for {@code <}, {@code >} and
 * {@code &}) and URL-encoded (both {@code %20} and {@code +} for spaces,
 * upper- and lower-case hex). A multi-line secret is also matched line by line, because logs are
 * masked a line at a time (lines of fewer than four characters, like the braces of a JSON key
 * file, are left alone). Longer matches win where two secrets start at the same place, and
 * where two occurrences overlap the whole stretch they cover becomes one {@value #MASK}, so no
 * part of either is shown.
 *
 * <p>Secrets can be added while a run is under way (Terraform reveals sensitive outputs only
 * when it prints them); {@link #mask(String)} is thread-safe and lock-free.
 *
 * <p>Serializable, so that work sent to another JVM (a Jenkins agent) masks its lines with the run's secrets: the copy
 * knows the secrets known when it was sent.
 */
public final class SecretMasker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a secret is replaced with. */
    public static final String MASK = "****";
    /** Lines of a multi-line secret shorter than this (without surrounding blanks) are not masked alone. */
    private static final int MIN_LINE_PIECE = 4;

    private final Set<String> secrets = new LinkedHashSet<>();
    private volatile Matcher matcher = Matcher.EMPTY;

    /** Creates a masker that knows no secrets yet. */
    public SecretMasker() {}

    /**
     * Creates a masker that knows the given secrets.
     *
     * @param secrets secret values; null and blank ones are ignored
     */
    public SecretMasker(Collection<String> secrets) {
        addAll(secrets);
    }

    /**
     * Adds a secret value. Null, empty and blank values are ignored: masking them would destroy the log.
     *
     * @param secret the value
     * @return this masker
     */
    public SecretMasker add(String secret) {
        return addAll(List.of(secret == null ? "" : secret));
    }

    /**
     * Adds several secret values.
     *
     * @param values the values; null and blank ones are ignored
     * @return this masker
     */
    public synchronized SecretMasker addAll(Collection<String> values) {
        boolean changed = false;
        for (String s : values) {
            if (s != null && !s.isBlank()) {
                changed |= secrets.add(s);
            }
        }
        if (changed) {
            matcher = Matcher.of(variants(secrets));
        }
        return this;
    }

    /** The serial form: the values, from which the receiving side builds its own matcher. */
    @Serial
    private synchronized Object writeReplace() {
        return new Form(List.copyOf(secrets));
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SecretMasker travels as its values");
    }

    private record Form(List<String> values) implements Serializable {
        @Serial
        private Object readResolve() {
            return new SecretMasker(values);
        }
    }

    /**
     * Tells whether a text contains a known secret in any of its forms.
     *
     * @param text the text, may be null
     * @return true when {@link #mask(String)} would change it
     */
    public boolean containsSecret(String text) {
        return text != null && matcher.indexOfMatch(text, 0) >= 0;
    }

    /** @return whether any secret is known */
    public boolean isEmpty() {
        return matcher == Matcher.EMPTY;
    }

    /**
     * Replaces every occurrence of every known secret.
     *
     * @param text the text, may be null
     * @return the masked text (the same instance when nothing matched), or null for null
     */
    public String mask(String text) {
        return text == null ? null : matcher.mask(text);
    }

    /**
     * An excerpt of a text that may hold secrets, for a message or a log: the text is masked
     * first and cut afterwards, so a cut never leaves the start of a secret behind. When it is
     * cut, a trailing piece that is the start of a secret (in any masked form) is dropped too,
     * and {@code ...} marks the cut.
     *
     * @param text the text, may be null
     * @param max the most characters of the masked text kept, at least 1
     * @return the masked excerpt, at most {@code max + 3} characters; null for null
     */
    public String maskThenCut(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: must be at least 1, was " + max);
        }
        String masked = mask(text);
        if (masked == null || masked.length() <= max) {
            return masked;
        }
        int end = max;
        if (Character.isHighSurrogate(masked.charAt(end - 1))) {
            end--;
        }
        String cut = masked.substring(0, end);
        return cut.substring(0, cut.length() - matcher.secretStartAtEnd(cut)) + "...";
    }

    /**
     * Where a text too long to be handled whole may be cut so that masking the part before the cut on
     * its own shows no part of a secret: no occurrence of a secret in the text spans the cut, and the
     * text after it is long enough to hold any secret that starts before it. The rest is to be handled
     * with what follows the text.
     *
     * @param text the text to cut
     * @return the length of the part to handle now, between 0 and the text's length (the whole text when
     *     no secret is known)
     */
    public int safeCut(String text) {
        return matcher.safeCut(text);
    }

    /**
     * Masks a value returned to a caller: strings are masked, maps and lists are copied with their
     * keys and elements masked, other values are returned as they are.
     *
     * @param value a result value (string, number, boolean, map, list or null)
     * @return the masked copy
     */
    public Object maskDeep(Object value) {
        if (value instanceof String s) {
            return mask(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(mask(String.valueOf(k)), maskDeep(v)));
            return copy;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            c.forEach(v -> copy.add(maskDeep(v)));
            return copy;
        }
        return value;
    }

    private static List<String> variants(Set<String> secrets) {
        Set<String> out = new LinkedHashSet<>();
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        for (String s : secrets) {
            List<String> forms = new ArrayList<>();
            forms.add(s);
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                for (String line : s.split("\r?\n|\r")) {
                    // A line such as "{" or "}," of a JSON key file says nothing about the secret,
                    // and masking it would blank every brace in the log.
                    if (line.strip().length() >= MIN_LINE_PIECE) {
                        forms.add(line.strip());
                    }
                }
            }
            for (String f : List.copyOf(forms)) {
                out.add(f);
                String quoted = new String(json.quoteAsString(f));
                out.add(quoted);
                // Go's encoding/json (Terraform, OpenTofu, Packer) also escapes HTML characters.
                out.add(quoted.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
                String plus = URLEncoder.encode(f, StandardCharsets.UTF_8);
                out.add(plus);
                out.add(plus.replace("+", "%20"));
                out.add(lowerHex(plus));
                out.add(lowerHex(plus.replace("+", "%20")));
            }
        }
        return new ArrayList<>(out);
    }

    private static String lowerHex(String urlEncoded) {
        StringBuilder sb = new StringBuilder(urlEncoded);
        for (int i = 0; i + 2 < sb.length(); i++) {
            if (sb.charAt(i) == '%') {
                sb.setCharAt(i + 1, Character.toLowerCase(sb.charAt(i + 1)));
                sb.setCharAt(i + 2, Character.toLowerCase(sb.charAt(i + 2)));
            }
        }
        return sb.toString();
    }

    /**
     * An immutable multi-pattern matcher. Where every pattern is at least {@value #MIN_SKIP_LENGTH}
     * characters long it looks only at every few characters: a table of the three-character
     * sequences in the patterns' first {@code minLength} characters says how far the text can be
     * skipped without jumping over the start of a pattern (the Wu-Manber idea). At the places it
     * does look, a 64K-bit table of the patterns' first two characters rejects almost every
     * position with one lookup before any pattern is compared. Long lines with many secrets stay fast.
     */
    private static final class Matcher {
        static final Matcher EMPTY = new Matcher(new String[0]);
        /** Shorter patterns make skipping pointless; the text is then checked at every position. */
        static final int MIN_SKIP_LENGTH = 4;
        private static final int TRIGRAM_BITS = 15;

        /** How far a window of {@code minLength} characters ending in a given trigram may move. */
        private final byte[] shift;
        private final int minLength;
        private final long[] bigrams = new long[1 << 10];
        private final boolean[] singles = new boolean[1 << 16];
        /** Patterns by first character, longest first. */
        private final String[][] byFirst = new String[1 << 16][];
        private final boolean empty;
        private final String[] patterns;
        private final int maxLength;

        private Matcher(String[] patterns) {
            empty = patterns.length == 0;
            this.patterns = patterns;
            Map<Character, List<String>> groups = new LinkedHashMap<>();
            for (String p : patterns) {
                char c0 = p.charAt(0);
                groups.computeIfAbsent(c0, k -> new ArrayList<>()).add(p);
                if (p.length() == 1) {
                    singles[c0] = true;
                } else {
                    int key = bigram(c0, p.charAt(1));
                    bigrams[key >>> 6] |= 1L << key;
                }
            }
            groups.forEach((c, list) -> {
                list.sort(Comparator.comparingInt(String::length).reversed());
                byFirst[c] = list.toArray(new String[0]);
            });
            int m = Integer.MAX_VALUE;
            for (String p : patterns) {
                m = Math.min(m, p.length());
            }
            minLength = m;
            int longest = 0;
            for (String p : patterns) {
                longest = Math.max(longest, p.length());
            }
            maxLength = longest;
            if (patterns.length == 0 || m < MIN_SKIP_LENGTH) {
                shift = null;
                return;
            }
            // A trigram no pattern has lets the window move past it; one that ends at q in some
            // pattern lets it move only m-1-q. Hash collisions merely make shifts shorter.
            shift = new byte[1 << TRIGRAM_BITS];
            java.util.Arrays.fill(shift, (byte) Math.min(m - 2, Byte.MAX_VALUE));
            for (String p : patterns) {
                for (int q = 2; q < m; q++) {
                    int h = trigram(p.charAt(q - 2), p.charAt(q - 1), p.charAt(q));
                    shift[h] = (byte) Math.min(shift[h], m - 1 - q);
                }
            }
        }

        private static int trigram(char a, char b, char c) {
            return ((a << 10) ^ (b << 5) ^ c ^ (a >>> 5) ^ (b >>> 10)) & ((1 << TRIGRAM_BITS) - 1);
        }

        static Matcher of(List<String> patterns) {
            String[] p = patterns.stream().filter(s -> !s.isEmpty()).distinct().toArray(String[]::new);
            return p.length == 0 ? EMPTY : new Matcher(p);
        }

        private static int bigram(char a, char b) {
            return ((a & 0xFF) << 8) | (b & 0xFF);
        }

        /** Returns the length of the longest pattern at {@code i}, or 0. */
        private int matchAt(String text, int i, int n) {
            char c0 = text.charAt(i);
            if (i + 1 < n) {
                int key = bigram(c0, text.charAt(i + 1));
                if ((bigrams[key >>> 6] & (1L << key)) == 0 && !singles[c0]) {
                    return 0;
                }
            } else if (!singles[c0]) {
                return 0;
            }
            String[] candidates = byFirst[c0];
            if (candidates == null) {
                return 0;
            }
            for (String p : candidates) {
                if (text.startsWith(p, i)) {
                    return p.length();
                }
            }
            return 0;
        }

        int indexOfMatch(String text, int from) {
            if (empty) {
                return -1;
            }
            int n = text.length();
            if (shift != null) {
                // e is the last character of a window of minLength characters starting at e-m+1.
                int m = minLength;
                int e = from + m - 1;
                while (e < n) {
                    int s = shift[trigram(text.charAt(e - 2), text.charAt(e - 1), text.charAt(e))];
                    if (s > 0) {
                        e += s;
                    } else if (matchAt(text, e - m + 1, n) > 0) {
                        return e - m + 1;
                    } else {
                        e++;
                    }
                }
                return -1;
            }
            for (int i = from; i < n; i++) {
                if (matchAt(text, i, n) > 0) {
                    return i;
                }
            }
            return -1;
        }

        int safeCut(String text) {
            int n = text.length();
            if (empty) {
                return n;
            }
            // A secret that starts before the cut ends inside the text; one that spans it moves it
            // back to where it starts, until none does.
            int cut = Math.max(0, n - (maxLength - 1));
            boolean moved = true;
            while (moved && cut > 0) {
                moved = false;
                for (int i = indexOfMatch(text, Math.max(0, cut - maxLength + 1)); i >= 0 && i < cut;
                        i = indexOfMatch(text, i + 1)) {
                    if (i + matchAt(text, i, n) > cut) {
                        cut = i;
                        moved = true;
                        break;
                    }
                }
            }
            return cut;
        }

        /** Returns the length of the longest end of {@code text} that is the start of a pattern, or 0. */
        int secretStartAtEnd(String text) {
            int longest = 0;
            for (String p : patterns) {
                for (int k = Math.min(p.length() - 1, text.length()); k > longest; k--) {
                    if (text.regionMatches(text.length() - k, p, 0, k)) {
                        longest = k;
                        break;
                    }
                }
            }
            return longest;
        }

        String mask(String text) {
            int first = indexOfMatch(text, 0);
            if (first < 0) {
                return text;
            }
            int n = text.length();
            StringBuilder sb = new StringBuilder(n);
            int copied = 0;
            for (int i = first; i >= 0; i = indexOfMatch(text, copied)) {
                // An occurrence that starts inside this one and reaches further is masked with
                // it: masking only the first would print the tail of the second.
                int end = i + matchAt(text, i, n);
                for (int j = i + 1; j < end; j++) {
                    end = Math.max(end, j + matchAt(text, j, n));
                }
                sb.append(text, copied, i).append(MASK);
                copied = end;
            }
            sb.append(text, copied, n);
            return sb.toString();
        }
    }
}
