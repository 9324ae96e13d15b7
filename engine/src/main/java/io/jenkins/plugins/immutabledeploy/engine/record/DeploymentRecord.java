package io.jenkins.plugins.immutabledeploy.engine.record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one deploy did, kept so that a later run can roll back to it and prune can tell which
 * images are in use. Holds no secret: secret variables are recorded by name only, sensitive
 * outputs as {@code ****}.
 *
 * @param id a unique id (time-ordered)
 * @param time when the deploy finished
 * @param dir the Terraform/OpenTofu configuration folder, as given
 * @param workspace the workspace ({@code default} when none was named)
 * @param tool {@code tofu} or {@code terraform}
 * @param toolVersion the tool's version
 * @param vars non-secret {@code -var} values (this is where the image id usually is)
 * @param varFiles {@code -var-file} paths
 * @param secretVars secret variables: Terraform variable name to where its value came from
 *     (an environment variable name for the CLI, a credentials id in Jenkins) — never the value
 * @param summary plan counts: {@code add}, {@code change}, {@code replace}, {@code destroy}
 * @param planChecksum SHA-256 of the saved plan file that was applied
 * @param outputs outputs after apply, sensitive ones masked
 * @param result {@link #SUCCESS}, {@link #FAILED} or {@link #NO_CHANGES}
 * @param message a short description of a failure, or null
 */
public record DeploymentRecord(
        String id,
        Instant time,
        String dir,
        String workspace,
        String tool,
        String toolVersion,
        Map<String, String> vars,
        List<String> varFiles,
        Map<String, String> secretVars,
        Map<String, Integer> summary,
        String planChecksum,
        Map<String, Object> outputs,
        String result,
        String message) {

    /** The apply succeeded. */
    public static final String SUCCESS = "success";
    /** The plan or apply failed, or a gate stopped it. */
    public static final String FAILED = "failed";
    /** The plan had no changes; nothing was applied (the deployment in place stays as it was). */
    public static final String NO_CHANGES = "no-changes";

    /** Copies the collections so the record is immutable. */
    public DeploymentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(result, "result");
        vars = Map.copyOf(vars == null ? Map.of() : vars);
        varFiles = List.copyOf(varFiles == null ? List.of() : varFiles);
        secretVars = Map.copyOf(secretVars == null ? Map.of() : secretVars);
        summary = Map.copyOf(summary == null ? Map.of() : summary);
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** @return whether this deployment is one rollback can return to */
    public boolean successful() {
        return SUCCESS.equals(result) || NO_CHANGES.equals(result);
    }

    /** @return the record as a map of strings, numbers, lists and maps (JSON- and Pipeline-friendly) */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("time", time.toString());
        m.put("dir", dir);
        m.put("workspace", workspace);
        m.put("tool", tool);
        m.put("toolVersion", toolVersion);
        m.put("vars", new LinkedHashMap<>(vars));
        m.put("varFiles", List.copyOf(varFiles));
        m.put("secretVars", new LinkedHashMap<>(secretVars));
        m.put("summary", new LinkedHashMap<>(summary));
        m.put("planChecksum", planChecksum);
        m.put("outputs", new LinkedHashMap<>(outputs));
        m.put("result", result);
        m.put("message", message);
        return m;
    }
}
