package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API request, in order, tagged with the phase it was made in: kept in memory for tests and
 * appended to {@code requests.jsonl} in the state folder for scripts. Never a header or a body: the
 * token and user_data (with its secrets) stay out of it.
 */
public final class RequestLog {
    /**
     * One request.
     *
     * @param seq its number, from 1
     * @param at when it arrived
     * @param phase the phase set when it arrived
     * @param method the HTTP method
     * @param path the path, e.g. {@code /v2/droplets/400000001}
     * @param query the query string, or ""
     * @param status the status answered
     * @param client the client's User-Agent
     */
    public record Entry(long seq, Instant at, String phase, String method, String path, String query, int status,
            String client) {
        /** @return e.g. {@code GET /v2/droplets/400000001} */
        public String line() {
            return method + " " + path;
        }

        ObjectNode json() {
            return Json.obj().put("seq", seq).put("at", at.toString()).put("phase", phase).put("method", method)
                    .put("path", path).put("query", query).put("status", status).put("client", client);
        }
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private String phase = "";

    RequestLog(Path file) {
        this.file = file;
    }

    synchronized void add(String method, String path, String query, int status, String client) {
        Entry e = new Entry(entries.size() + 1, Instant.now(), phase, method, path, query == null ? "" : query, status,
                client == null ? "" : client);
        entries.add(e);
        try {
            Files.writeString(file, Json.write(e.json()) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** @param name the phase the next requests belong to, e.g. {@code bake} */
    public synchronized void phase(String name) {
        this.phase = name == null ? "" : name;
    }

    /** @return every request so far */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * @param phase a phase
     * @return its requests
     */
    public synchronized List<Entry> entries(String phase) {
        return entries.stream().filter(e -> e.phase().equals(phase)).toList();
    }

    /** @return how many requests each phase made, in the order the phases began */
    public synchronized Map<String, Integer> countsByPhase() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        entries.forEach(e -> counts.merge(e.phase(), 1, Integer::sum));
        return counts;
    }
}
