package io.jenkins.plugins.immutabledeploy.engine.verify;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a verification. A failed verification is a value, not an exception: the caller decides how the
 * build ends (the CLI exits with 3).
 *
 * @param healthy whether every endpoint became healthy
 * @param endpoints per-endpoint results, in the order the checks were given
 * @param duration how long the verification took
 * @param cancelled whether it was stopped by a cancel (abort, Ctrl-C) before it decided
 */
public record VerifyResult(boolean healthy, List<EndpointResult> endpoints, Duration duration, boolean cancelled)
        implements Serializable {

    /** Copies the list. */
    public VerifyResult {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(duration, "duration");
    }

    /** @return the endpoints that did not become healthy */
    public List<EndpointResult> failed() {
        return endpoints.stream().filter(e -> !e.healthy()).toList();
    }

    /** @return the URLs of the endpoints that did not become healthy, in the order the checks were given */
    public List<String> failedUrls() {
        return failed().stream().map(EndpointResult::url).toList();
    }

    /** @return one line for people: how many endpoints are healthy, and why the others are not */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        long ok = endpoints.stream().filter(EndpointResult::healthy).count();
        sb.append(healthy ? "Healthy: " : "Verification FAILED: ").append(ok).append('/').append(endpoints.size())
                .append(" endpoint(s) healthy in ").append(String.format(java.util.Locale.ROOT, "%.1f", seconds()))
                .append('s');
        for (EndpointResult e : failed()) {
            sb.append(System.lineSeparator()).append("  ").append(e.url()).append(": ").append(e.reason());
        }
        return sb.toString();
    }

    private double seconds() {
        return Math.round(duration.toMillis()) / 1000.0;
    }

    /**
     * The result as the CLI's {@code --json} object and the Pipeline step's return value: {@code healthy},
     * {@code endpoints}, {@code durationSeconds}, {@code cancelled}.
     *
     * @return the map
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("healthy", healthy);
        List<Object> list = new ArrayList<>();
        endpoints.forEach(e -> list.add(e.toMap()));
        m.put("endpoints", list);
        m.put("durationSeconds", seconds());
        m.put("cancelled", cancelled);
        return m;
    }
}
