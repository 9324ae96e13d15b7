package io.jenkins.plugins.immutabledeploy.engine.verify;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * How one endpoint fared.
 *
 * @param url the URL checked
 * @param healthy whether it reached the needed consecutive successes
 * @param attempts attempts that finished (passed or failed)
 * @param consecutiveSuccesses passing attempts in a row at the end
 * @param lastStatus the last HTTP status received, or null when no answer came
 * @param lastError why the last failing attempt failed (masked), or null
 * @param latencyMsMedian the median time to an answer in milliseconds, or null without answers
 * @param latencyMsMax the longest time to an answer in milliseconds, or null without answers
 * @param reason why the endpoint is not healthy (timed out, flapping, cancelled...), or null when healthy
 */
public record EndpointResult(
        String url,
        boolean healthy,
        int attempts,
        int consecutiveSuccesses,
        Integer lastStatus,
        String lastError,
        Long latencyMsMedian,
        Long latencyMsMax,
        String reason) implements Serializable {

    /** @return the result as the step and {@code --json} return it */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("healthy", healthy);
        m.put("attempts", attempts);
        m.put("consecutiveSuccesses", consecutiveSuccesses);
        m.put("lastStatus", lastStatus);
        m.put("lastError", lastError);
        m.put("latencyMsMedian", latencyMsMedian);
        m.put("latencyMsMax", latencyMsMax);
        m.put("reason", reason);
        return m;
    }
}
