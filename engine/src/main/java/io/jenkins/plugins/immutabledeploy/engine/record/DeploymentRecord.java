package io.jenkins.plugins.immutabledeploy.engine.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one deploy did, kept so that a later run can roll back to it, a release can tell what is live, prune can tell
 * which images are in use and delivery metrics can be computed. Holds no secret: secret variables are recorded by
 * name only, sensitive variables not at all, sensitive outputs as {@code ****}.
 *
 * @param id a unique id (time-ordered): what {@code rollback --to} and {@code rollbackDeploy(to:)} take
 * @param time when the deploy finished
 * @param dir the Terraform/OpenTofu configuration folder, as given (in Jenkins: relative to the workspace)
 * @param workspace the workspace ({@code default} when none was named)
 * @param tool {@code tofu} or {@code terraform}
 * @param toolVersion the tool's version
 * @param vars non-secret {@code -var} values: what a redeploy passes again
 * @param varFiles {@code -var-file} paths
 * @param secretVars secret variables: Terraform variable name to where its value came from
 *     (an environment variable name for the CLI, a credentials id in Jenkins) — never the value
 * @param summary plan counts: {@code add}, {@code change}, {@code replace}, {@code destroy}
 * @param planChecksum SHA-256 of the saved plan file that was applied (set once the gate let it through)
 * @param outputs outputs after apply, sensitive ones masked
 * @param result {@link #SUCCESS}, {@link #FAILED} or {@link #NO_CHANGES}
 * @param message a short description of a failure, or null
 * @param path the configuration folder as an absolute path on the machine the tool ran on: with the workspace,
 *     what a record of the CLI belongs to; null in records written before it was kept
 * @param job in Jenkins, the full name of the job whose build deployed: with {@code dir} (relative to the
 *     workspace) and the workspace, what the record belongs to; null for the CLI
 * @param variables the value of every variable the plan used (command line, variable files, environment and
 *     defaults alike) that is neither sensitive nor secret: what was actually deployed
 * @param image the image this deploy put live: the release's live image, else the plan's image variable; or null
 * @param candidate in a release's phase, the other image with servers after it (the candidate, or the standby);
 *     else null
 * @param phase what the deploy was: null for a deploy, {@link #ROLLBACK} for a rollback's redeploy, or a release's
 *     phase ({@code candidate}, {@code discard}, {@code promote}, {@code switchBack}, {@code retire}, {@code recover})
 * @param changes the plan's changes, {@code [{address, action}]}
 * @param verifications what the health checks said of the images of this deployment, oldest first
 * @param outcome the fate of the release a release's {@code candidate} phase brought up: {@link #PROMOTED},
 *     {@link #DISCARDED} or {@link #SWITCHED_BACK}; null while undecided and for other records
 * @param restoreSeconds for a {@code switchBack}: seconds from the failed check to the address serving the old
 *     release again; else null
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
        String message,
        String path,
        String job,
        Map<String, String> variables,
        String image,
        String candidate,
        String phase,
        List<Map<String, String>> changes,
        List<Verification> verifications,
        String outcome,
        Double restoreSeconds) {

    /** The workspace a configuration is in when none is named. */
    public static final String DEFAULT_WORKSPACE = "default";

    /** The apply succeeded. */
    public static final String SUCCESS = "success";
    /** The plan or apply failed, or a gate stopped it. */
    public static final String FAILED = "failed";
    /** The plan had no changes; nothing was applied (the deployment in place stays as it was). */
    public static final String NO_CHANGES = "no-changes";

    /** The {@link #phase()} of a rollback's redeploy. */
    public static final String ROLLBACK = "rollback";

    /** The release was verified on its own address and through the stable one, and stays live. */
    public static final String PROMOTED = "promoted";
    /** The release failed its checks on its own address and was removed; it never took traffic. */
    public static final String DISCARDED = "discarded";
    /** The release failed its checks through the stable address; the old release took the address back. */
    public static final String SWITCHED_BACK = "switchedBack";

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
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        image = image == null || image.isEmpty() ? null : image;
        candidate = candidate == null || candidate.isEmpty() ? null : candidate;
        changes = changes == null ? List.of() : changes.stream().map(Map::copyOf).toList();
        verifications = List.copyOf(verifications == null ? List.of() : verifications);
    }

    /**
     * A record as deploys wrote them before the configuration's path, the plan's variables, the image and the release
     * were kept.
     *
     * @param id the id
     * @param time when the deploy finished
     * @param dir the configuration folder
     * @param workspace the workspace
     * @param tool the tool
     * @param toolVersion its version
     * @param vars the {@code -var} values
     * @param varFiles the variable files
     * @param secretVars the secret variables' sources
     * @param summary the plan counts
     * @param planChecksum the applied plan's checksum
     * @param outputs the outputs
     * @param result the result
     * @param message a failure's description
     */
    public DeploymentRecord(String id, Instant time, String dir, String workspace, String tool, String toolVersion,
            Map<String, String> vars, List<String> varFiles, Map<String, String> secretVars, Map<String, Integer> summary,
            String planChecksum, Map<String, Object> outputs, String result, String message) {
        this(id, time, dir, workspace, tool, toolVersion, vars, varFiles, secretVars, summary, planChecksum, outputs,
                result, message, null, null, null, guessImage(vars), null, null, null, null, null, null);
    }

    /**
     * One verdict of the health checks on an image of this deployment.
     *
     * @param time when the checks decided
     * @param image the image checked
     * @param at where it was checked: {@link #CANDIDATE} (its own address) or {@link #STABLE} (the stable address)
     * @param healthy whether it passed
     */
    public record Verification(Instant time, String image, String at, boolean healthy) {
        /** Checked on the candidate's own address. */
        public static final String CANDIDATE = "candidate";
        /** Checked through the stable address (or by {@code verify}, which checks what users reach). */
        public static final String STABLE = "stable";

        /** Requires the time and the place. */
        public Verification {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(at, "at");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", time.toString());
            m.put("image", image);
            m.put("at", at);
            m.put("healthy", healthy);
            return m;
        }

        static Verification fromMap(Map<String, Object> m) {
            return new Verification(Instant.parse((String) m.get("time")), (String) m.get("image"), (String) m.get("at"),
                    Boolean.TRUE.equals(m.get("healthy")));
        }
    }

    /** @return whether this deployment was applied (or found nothing to change): one rollback can return to */
    public boolean successful() {
        return SUCCESS.equals(result) || NO_CHANGES.equals(result);
    }

    /** @return whether the apply started (the gate let the plan through) but did not finish: the state may be half-way */
    public boolean applyFailed() {
        return FAILED.equals(result) && planChecksum != null;
    }

    /**
     * What the checks said of this record's live image: the newest verification of {@link #image()} (of any image
     * when the record knows none).
     *
     * @return true when verified healthy, false when it failed its checks, null when never checked
     */
    public Boolean verified() {
        for (int i = verifications.size() - 1; i >= 0; i--) {
            Verification v = verifications.get(i);
            if (image == null || image.equals(v.image())) {
                return v.healthy();
            }
        }
        return null;
    }

    /**
     * @param v a verdict of the checks
     * @return this record with the verdict added
     */
    public DeploymentRecord withVerification(Verification v) {
        List<Verification> all = new ArrayList<>(verifications);
        all.add(v);
        return new DeploymentRecord(id, time, dir, workspace, tool, toolVersion, vars, varFiles, secretVars, summary,
                planChecksum, outputs, result, message, path, job, variables, image, candidate, phase, changes, all, outcome,
                restoreSeconds);
    }

    /**
     * @param outcome the release's fate, e.g. {@link #DISCARDED}
     * @param restoreSeconds seconds to restore the old release, or null
     * @return this record with the outcome set
     */
    public DeploymentRecord withOutcome(String outcome, Double restoreSeconds) {
        return new DeploymentRecord(id, time, dir, workspace, tool, toolVersion, vars, varFiles, secretVars, summary,
                planChecksum, outputs, result, message, path, job, variables, image, candidate, phase, changes, verifications,
                outcome, restoreSeconds);
    }

    /**
     * @param job the full name of the job whose build deployed
     * @param dir the folder to keep, relative to the build's workspace
     * @return this record as a Jenkins build keeps it
     */
    public DeploymentRecord inJob(String job, String dir) {
        return new DeploymentRecord(id, time, dir, workspace, tool, toolVersion, vars, varFiles, secretVars, summary,
                planChecksum, outputs, result, message, path, job, variables, image, candidate, phase, changes,
                verifications, outcome, restoreSeconds);
    }

    /**
     * @param name a variable's name
     * @return its value as the plan had it, else as the command line gave it; null when neither knows it
     */
    public String variable(String name) {
        String v = variables.get(name);
        return v != null ? v : vars.get(name);
    }

    /**
     * The image a deploy put live when nothing names it: the value of the plan's (or command line's) variable that
     * is called {@code image}, else the first whose name contains {@code image}, e.g. {@code image_id}.
     *
     * @param values a deploy's variables
     * @return the image, or null
     */
    public static String guessImage(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        String exact = values.get("image");
        if (exact != null && !exact.isBlank()) {
            return exact;
        }
        return values.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("image"))
                .map(Map.Entry::getValue).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    /** @return a few words for people: the id, the image, the result and what the checks said */
    public String describe() {
        StringBuilder sb = new StringBuilder(id).append(" (");
        if (image != null) {
            sb.append(image).append(", ");
        }
        if (phase != null) {
            sb.append(phase).append(", ");
        }
        sb.append(result);
        Boolean v = verified();
        if (v != null) {
            sb.append(v ? ", verified healthy" : ", failed its checks");
        }
        if (outcome != null) {
            sb.append(", ").append(outcome);
        }
        return sb.append(')').toString();
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
        m.put("path", path);
        m.put("job", job);
        m.put("variables", new LinkedHashMap<>(variables));
        m.put("image", image);
        m.put("candidate", candidate);
        m.put("phase", phase);
        m.put("changes", changes.stream().map(c -> (Map<String, Object>) new LinkedHashMap<String, Object>(c)).toList());
        m.put("verifications", verifications.stream().map(Verification::toMap).toList());
        m.put("outcome", outcome);
        m.put("restoreSeconds", restoreSeconds);
        return m;
    }

    /**
     * Rebuilds a record from {@link #toMap()}; a record written before a key existed reads it as empty (its image
     * is then guessed from its variables, as before).
     *
     * @param m the map
     * @return the record
     */
    @SuppressWarnings("unchecked")
    public static DeploymentRecord fromMap(Map<String, Object> m) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("summary", Map.of()))
                .forEach((k, v) -> summary.put(k, ((Number) v).intValue()));
        Map<String, String> vars = (Map<String, String>) m.getOrDefault("vars", Map.of());
        Map<String, String> variables = (Map<String, String>) m.get("variables");
        List<Verification> verifications = new ArrayList<>();
        for (Object v : (List<Object>) m.getOrDefault("verifications", List.of())) {
            verifications.add(Verification.fromMap((Map<String, Object>) v));
        }
        Number restore = (Number) m.get("restoreSeconds");
        return new DeploymentRecord(
                (String) m.get("id"),
                Instant.parse((String) m.get("time")),
                (String) m.get("dir"),
                (String) m.get("workspace"),
                (String) m.get("tool"),
                (String) m.get("toolVersion"),
                vars,
                (List<String>) m.getOrDefault("varFiles", List.of()),
                (Map<String, String>) m.getOrDefault("secretVars", Map.of()),
                summary,
                (String) m.get("planChecksum"),
                (Map<String, Object>) m.getOrDefault("outputs", Map.of()),
                (String) m.get("result"),
                (String) m.get("message"),
                (String) m.get("path"),
                (String) m.get("job"),
                variables,
                m.containsKey("image") ? (String) m.get("image") : guessImage(variables == null ? vars : variables),
                (String) m.get("candidate"),
                (String) m.get("phase"),
                (List<Map<String, String>>) m.getOrDefault("changes", List.of()),
                verifications,
                (String) m.get("outcome"),
                restore == null ? null : restore.doubleValue());
    }

    /**
     * What is deployed now, from records of any origin: of each configuration and workspace, the newest successful
     * record. A configuration is told apart by its {@link #path()} where the records know it, else by its folder as
     * given.
     *
     * @param records deployment records, in any order
     * @return one record per configuration and workspace that has a successful one
     */
    public static List<DeploymentRecord> newestSuccessful(Collection<DeploymentRecord> records) {
        Map<String, DeploymentRecord> newest = new LinkedHashMap<>();
        for (DeploymentRecord rec : records) {
            if (rec.successful()) {
                newest.merge(rec.configuration(), rec, (a, b) -> b.time().isAfter(a.time()) ? b : a);
            }
        }
        return List.copyOf(newest.values());
    }

    /**
     * @return what the record belongs to: in Jenkins the job, the folder relative to the workspace and the workspace;
     *     in the CLI the configuration's absolute path (the folder as given in older records) and the workspace
     */
    public String configuration() {
        return job != null ? job + "\n" + dir + "\n" + workspace : (path != null ? path : dir) + "\n" + workspace;
    }
}
