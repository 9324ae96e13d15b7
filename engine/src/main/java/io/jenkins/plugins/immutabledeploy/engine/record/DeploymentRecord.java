package io.jenkins.plugins.immutabledeploy.engine.record;

import java.time.Instant;
import java.util.Collection;
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

    /** The workspace a configuration is in when none is named. */
    public static final String DEFAULT_WORKSPACE = "default";

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

    /**
     * Rebuilds a record from {@link #toMap()}.
     *
     * @param m the map
     * @return the record
     */
    @SuppressWarnings("unchecked")
    public static DeploymentRecord fromMap(Map<String, Object> m) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("summary", Map.of()))
                .forEach((k, v) -> summary.put(k, ((Number) v).intValue()));
        return new DeploymentRecord(
                (String) m.get("id"),
                Instant.parse((String) m.get("time")),
                (String) m.get("dir"),
                (String) m.get("workspace"),
                (String) m.get("tool"),
                (String) m.get("toolVersion"),
                (Map<String, String>) m.getOrDefault("vars", Map.of()),
                (List<String>) m.getOrDefault("varFiles", List.of()),
                (Map<String, String>) m.getOrDefault("secretVars", Map.of()),
                summary,
                (String) m.get("planChecksum"),
                (Map<String, Object>) m.getOrDefault("outputs", Map.of()),
                (String) m.get("result"),
                (String) m.get("message"));
    }

    /**
     * What is deployed now, from records of any origin: of each configuration and workspace, the newest successful
     * record.
     *
     * @param records deployment records, in any order
     * @return one record per configuration and workspace that has a successful one
     */
    public static List<DeploymentRecord> newestSuccessful(Collection<DeploymentRecord> records) {
        Map<String, DeploymentRecord> newest = new LinkedHashMap<>();
        for (DeploymentRecord rec : records) {
            if (rec.successful()) {
                newest.merge(rec.dir() + "\n" + rec.workspace(), rec, (a, b) -> b.time().isAfter(a.time()) ? b : a);
            }
        }
        return List.copyOf(newest.values());
    }
}
