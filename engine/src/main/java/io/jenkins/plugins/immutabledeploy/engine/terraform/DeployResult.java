package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a deploy did. Failures carry one of these too (see {@link DeployException#result()}), with
 * whatever was learnt before the failure.
 *
 * @param changed whether an apply ran and succeeded
 * @param drift whether a plan-only run found changes (always false when not plan-only)
 * @param summary the plan's summary ({@link PlanSummary#EMPTY} when no plan was shown)
 * @param outputs output values, sensitive ones {@code ****}; empty when they were not read
 * @param record where the deployment record was saved (a path or an id), or null when none was written
 * @param deploymentRecord the record itself, or null
 * @param tool {@code tofu} or {@code terraform}
 * @param toolVersion the tool's version, e.g. {@code 1.10.10}
 * @param duration how long the deploy took
 */
public record DeployResult(
        boolean changed,
        boolean drift,
        PlanSummary summary,
        Map<String, Object> outputs,
        String record,
        DeploymentRecord deploymentRecord,
        String tool,
        String toolVersion,
        Duration duration) {

    /** Copies the outputs. */
    public DeployResult {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(duration, "duration");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs == null ? Map.of() : outputs));
    }

    /** @return every output as text: a string as it is, any other value as JSON; a sensitive one {@code ****} */
    public Map<String, String> outputsAsText() {
        Map<String, String> text = new LinkedHashMap<>();
        outputs.forEach((name, value) -> text.put(name, value instanceof String s ? s : Json.write(value)));
        return text;
    }

    /**
     * @param name an output's name
     * @return whether the output is sensitive: its value is withheld as {@code ****}
     */
    public boolean isSensitive(String name) {
        return SecretMasker.MASK.equals(outputs.get(name));
    }

    /**
     * The result as the CLI's {@code --json} object and the Pipeline step's return value: {@code changed},
     * {@code drift}, {@code summary} {add, change, replace, destroy}, {@code changes} [{address, action}],
     * {@code outputs}, {@code record}, {@code tool}, {@code toolVersion}, {@code durationSeconds}.
     *
     * @return a map of strings, numbers, booleans, lists and maps only
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("changed", changed);
        m.put("drift", drift);
        m.put("summary", new LinkedHashMap<>(summary.counts()));
        m.put("changes", summary.changeMaps());
        m.put("outputs", new LinkedHashMap<>(outputs));
        m.put("record", record);
        m.put("tool", tool);
        m.put("toolVersion", toolVersion);
        m.put("durationSeconds", Math.round(duration.toMillis() / 100.0) / 10.0);
        return m;
    }
}
