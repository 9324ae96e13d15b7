package io.jenkins.plugins.immutabledeploy.engine.packer;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads Packer's {@code -machine-readable} output as it arrives: {@code ui} lines become readable
 * log lines at once (so the build shows progress live), {@code artifact} lines are collected per
 * build and index, {@code error} lines are kept for the failure message.
 *
 * <p>Tolerant by design: a line that is not machine-readable, or is truncated, or has a type this
 * parser does not know, is printed as it is and never throws. Thread-safe, because Packer's
 * standard output and standard error are read on two threads.
 */
public final class MachineReadableParser {
    /** How many error lines are kept for the failure message. */
    public static final int MAX_ERROR_LINES = 10;

    private final BuildLog log;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Deque<String> buildErrors = new ArrayDeque<>();
    private final Deque<String> otherErrors = new ArrayDeque<>();
    private String version = "";
    private int plainLines;

    /**
     * @param log where readable lines go (masked there)
     */
    public MachineReadableParser(BuildLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Handles one line of Packer's standard output.
     *
     * @param raw the line, without its terminator
     */
    public synchronized void accept(String raw) {
        if (raw != null && progress(raw)) {
            return;
        }
        MachineReadableLine line = MachineReadableLine.parse(raw);
        if (line == null || !handle(line)) {
            plain(raw);
        }
    }

    /**
     * The common case on its own: a {@code ui} line that says or shows a message without a target
     * (Packer 1.9 puts the build's name in the text), handled without taking the line apart into a
     * {@link MachineReadableLine}. Nearly every line of a bake is one, so this is the work done
     * per line of a long provisioning log. Exactly what {@link #ui} does with such a line.
     *
     * @return false when the line is anything else, for the general path
     */
    private boolean progress(String raw) {
        int c1 = raw.indexOf(',');
        // "<timestamp>,,ui," then "say," or "message,"
        if (c1 < 1 || c1 > 18 || !raw.startsWith(",ui,", c1 + 1)) {
            return false;
        }
        int kind = c1 + 5;
        int text;
        if (raw.startsWith("say,", kind)) {
            text = kind + 4;
        } else if (raw.startsWith("message,", kind)) {
            text = kind + 8;
        } else {
            return false;
        }
        for (int i = 0; i < c1; i++) {
            if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
                return false;
            }
        }
        int comma = raw.indexOf(',', text);
        int end = comma < 0 ? raw.length() : comma;
        if (indexOf(raw, '%', text, end) >= 0 || indexOf(raw, '\\', text, end) >= 0
                || indexOf(raw, '\n', text, end) >= 0 || indexOf(raw, '\r', text, end) >= 0) {
            // escapes or line breaks: taken apart and put together as ui() does
            for (String l : lines(MachineReadableLine.unescape(raw.substring(text, end)))) {
                log.info(l);
            }
            return true;
        }
        // one line as it is, without its trailing blanks; a blank one is not shown
        int last = end;
        while (last > text && Character.isWhitespace(raw.charAt(last - 1))) {
            last--;
        }
        if (last > text) {
            log.info(raw.substring(text, last));
        }
        return true;
    }

    private static int indexOf(String s, char c, int from, int end) {
        int i = s.indexOf(c, from);
        return i < end ? i : -1;
    }

    /**
     * Handles one line of Packer's standard error: printed, and kept as an error line.
     *
     * @param raw the line
     */
    public synchronized void acceptStderr(String raw) {
        if (raw == null || raw.isBlank()) {
            return;
        }
        log.error(raw);
        keep(otherErrors, raw);
    }

    private boolean handle(MachineReadableLine line) {
        return switch (line.type()) {
            case "ui" -> ui(line);
            case "artifact" -> artifact(line);
            case "error" -> {
                String msg = line.field(0);
                if (msg == null) {
                    yield false;
                }
                for (String l : lines(msg)) {
                    keep(buildErrors, line.target().isEmpty() ? l : line.target() + ": " + l);
                }
                yield true;
            }
            case "version" -> {
                if (line.field(0) == null) {
                    yield false;
                }
                version = line.field(0);
                yield true;
            }
            // Counts and version details repeat what the lines above say.
            case "artifact-count", "error-count", "version-prelease", "version-commit" -> true;
            default -> false;
        };
    }

    private boolean ui(MachineReadableLine line) {
        String kind = line.field(0);
        String text = line.field(1);
        if (kind == null || text == null) {
            return false;
        }
        boolean error = kind.equals("error");
        if (!error && !kind.equals("say") && !kind.equals("message")) {
            return false;
        }
        for (String l : lines(text)) {
            // Packer 1.9 puts the build name in the text; older versions put it in the target.
            String shown = line.target().isEmpty() || l.contains(line.target()) ? l : line.target() + ": " + l;
            if (error) {
                log.error(shown);
                keep(otherErrors, shown.strip());
            } else {
                log.info(shown);
            }
        }
        return true;
    }

    private boolean artifact(MachineReadableLine line) {
        String build = line.target();
        String index = line.field(0);
        String kind = line.field(1);
        if (build.isEmpty() || index == null || kind == null || !MachineReadableLine.isDigits(index, 6)) {
            return false;
        }
        String key = build + '\u0000' + index;
        Draft d = drafts.computeIfAbsent(key, k -> new Draft(build));
        String value = line.field(2);
        switch (kind) {
            case "builder-id" -> d.builderId = value;
            case "id" -> d.id = value;
            case "string" -> d.description = value;
            case "files-count", "end" -> {
                // the files themselves follow as "file" lines; "end" closes nothing we need to wait for
            }
            case "file" -> {
                String name = line.field(3);
                if (name == null) {
                    return false;
                }
                d.files.add(name);
            }
            default -> {
                return false;
            }
        }
        return value != null || kind.equals("end") || kind.equals("file");
    }

    private void plain(String raw) {
        plainLines++;
        if (raw != null && !raw.isBlank()) {
            log.info(raw);
        }
    }

    private static List<String> lines(String text) {
        // Almost every ui line is one line: no list, no split. (String.split("\r?\n|\r") compiled
        // a regular expression for every line, the most expensive thing done per line of a bake.)
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text.isBlank() ? List.of() : List.of(text.stripTrailing());
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                String l = text.substring(start, i);
                if (!l.isBlank()) {
                    out.add(l.stripTrailing());
                }
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static void keep(Deque<String> q, String line) {
        q.addLast(line);
        while (q.size() > MAX_ERROR_LINES) {
            q.removeFirst();
        }
    }

    /**
     * The artifacts reported so far, in the order Packer first mentioned them, without exact
     * repeats within a build (Packer reports the builder's artifact again for each post-processor
     * that keeps it).
     *
     * @return the artifacts
     */
    public synchronized List<PackerArtifact> artifacts() {
        Set<PackerArtifact> out = new LinkedHashSet<>();
        for (Draft d : drafts.values()) {
            if (d.id != null && !d.id.isEmpty()) {
                out.add(new PackerArtifact(d.build, d.builderId, d.id, d.description, d.files));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The lines that say why Packer failed: its per-build {@code error} lines when there are any,
     * else its last error output (template errors, interrupts, standard error), oldest first.
     *
     * @return at most {@value #MAX_ERROR_LINES} lines, unmasked
     */
    public synchronized List<String> errorLines() {
        return List.copyOf(buildErrors.isEmpty() ? otherErrors : buildErrors);
    }

    /** @return the Packer version a {@code version} line reported, or empty */
    public synchronized String version() {
        return version;
    }

    /** @return how many lines were not machine-readable (or not understood) and were printed as they are */
    synchronized int plainLines() {
        return plainLines;
    }

    private static final class Draft {
        final String build;
        String builderId;
        String id;
        String description;
        final List<String> files = new ArrayList<>();

        Draft(String build) {
            this.build = build;
        }
    }
}
