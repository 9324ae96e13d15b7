package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.ToolRequestBuilder;
import io.jenkins.plugins.immutabledeploy.engine.VariableNames;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one deploy needs to know: the configuration folder, its variables (plain and secret), the workspace
 * and backend, the destroy gate's permissions, and limits. Immutable and checked once, here, naming each field as
 * the caller does ({@link #names()}); built with {@link #builder(String)}. Secret values are held here only to be
 * handed to the tool as environment variables; {@link #toString()} never shows them.
 *
 * @param dir the configuration folder, as given: relative to {@code workingDirectory}, or absolute
 * @param workingDirectory the folder a relative {@code dir} is in, or null for the caller's
 * @param vars non-secret variables, passed as {@code -var NAME=VALUE}
 * @param varFiles variable files, passed as {@code -var-file=PATH}
 * @param secretVars secret variables by name; passed as {@code TF_VAR_NAME} environment variables only
 * @param secretVarSources where each secret variable came from (an environment variable, a credentials id), for
 *     the record
 * @param token the cloud API token, or null; passed as {@code DIGITALOCEAN_TOKEN} and its aliases
 * @param workspace the workspace to select, or null for the current one
 * @param createWorkspace whether a missing workspace is created
 * @param backendConfig {@code -backend-config} values: {@code KEY=VALUE} pairs or file paths
 * @param lockTimeout how long to wait for the state lock, or null for the tool's default (no waiting)
 * @param gate the destroy gate's permissions
 * @param planOnly whether to plan and report only, never apply
 * @param timeout the limit for the whole deploy, or null for none
 * @param executable the tool's path, or null to look for {@code tofu}, then {@code terraform}
 * @param environment extra non-secret environment variables for the tool (e.g. {@code TF_CLI_CONFIG_FILE})
 * @param names how the caller names these fields, for messages
 */
public record DeployRequest(
        String dir,
        String workingDirectory,
        Map<String, String> vars,
        List<String> varFiles,
        Map<String, String> secretVars,
        Map<String, String> secretVarSources,
        String token,
        String workspace,
        boolean createWorkspace,
        List<String> backendConfig,
        Duration lockTimeout,
        DestroyGate gate,
        boolean planOnly,
        Duration timeout,
        String executable,
        Map<String, String> environment,
        Vocabulary names) {

    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_.-]+");

    /** Checks every field, naming it as the caller does, and copies the collections. */
    public DeployRequest {
        names = names == null ? Vocabulary.FIELDS : names;
        Vocabulary n = names;
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException(n.name("dir")
                    + ": the Terraform/OpenTofu configuration folder is required");
        }
        vars = copy(vars);
        secretVars = copy(secretVars);
        secretVarSources = copy(secretVarSources);
        Map<String, String> secret = secretVars;
        vars.forEach((k, v) -> {
            VariableNames.check("Terraform", n.name("vars"), k);
            Objects.requireNonNull(v, () -> n.name("vars") + ": the value of " + k + " is missing");
            if (secret.containsKey(k)) {
                throw new IllegalArgumentException(n.name("vars") + ": " + k
                        + " is already a secret variable; give it once");
            }
        });
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, String> s : secretVars.entrySet()) {
            String source = secretVarSources.get(s.getKey());
            source = source == null || source.isBlank() ? "(unnamed)" : source;
            VariableNames.check("Terraform", n.name("secretVars"), s.getKey());
            if (s.getValue() == null || s.getValue().isEmpty()) {
                throw new IllegalArgumentException(n.name("secretVars") + ": the value of " + s.getKey() + " (from "
                        + source + ") is empty; set it before the deploy");
            }
            sources.put(s.getKey(), source);
        }
        secretVarSources = Collections.unmodifiableMap(sources);
        varFiles = List.copyOf(varFiles == null ? List.of() : varFiles);
        if (varFiles.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(n.name("varFiles") + ": a variable file path must not be blank");
        }
        token = token == null || token.isEmpty() ? null : token;
        if (workspace != null && !WORKSPACE.matcher(workspace).matches()) {
            throw new IllegalArgumentException(n.name("workspace") + ": '" + workspace
                    + "' is not a workspace name; use letters, digits, '_', '-' and '.'");
        }
        if (createWorkspace && workspace == null) {
            throw new IllegalArgumentException(n.name("createWorkspace") + ": name the workspace to create with "
                    + n.name("workspace"));
        }
        backendConfig = List.copyOf(backendConfig == null ? List.of() : backendConfig);
        if (backendConfig.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(n.name("backendConfig") + ": a value must be KEY=VALUE or a file path,"
                    + " not blank");
        }
        if (lockTimeout != null && lockTimeout.isNegative()) {
            throw new IllegalArgumentException(n.name("lockTimeout") + ": must not be negative, was " + lockTimeout);
        }
        // Not waiting is the tool's default: no flag for it.
        lockTimeout = lockTimeout == null || lockTimeout.isZero() ? null : lockTimeout;
        gate = gate == null ? DestroyGate.strict() : gate;
        if (gate.allowDestroyOf().stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(n.name("allowDestroyOf") + ": a pattern must not be blank; e.g."
                    + " terraform_data.worker[*]");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(n.name("timeout") + ": must be positive, was " + timeout);
        }
        executable = executable == null || executable.isBlank() ? null : executable;
        environment = copy(environment);
        environment.forEach((k, v) -> Objects.requireNonNull(v, () -> "environment: value of " + k));
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }

    /**
     * Starts a request.
     *
     * @param dir the Terraform/OpenTofu configuration folder
     * @return a builder
     */
    public static Builder builder(String dir) {
        return new Builder(dir);
    }

    /**
     * This request run again on what a record deployed: the record's workspace, variables, variable files and secret
     * variables, with this request's folder, tool, token, backend, gate and limits. This is how a rollback returns to
     * an earlier deployment of the same configuration.
     *
     * @param record the deployment to return to
     * @param secretValues the values of the record's secret variables, by variable name (the record keeps only their
     *     names and where they came from)
     * @return the request
     * @throws IllegalArgumentException naming a secret variable whose value was not supplied
     */
    public DeployRequest redeploy(DeploymentRecord record, Map<String, String> secretValues) {
        Builder b = settings();
        b.vars(record.vars());
        record.varFiles().forEach(b::varFile);
        String ws = record.workspace();
        b.workspace(DeploymentRecord.DEFAULT_WORKSPACE.equals(ws) ? null : ws).createWorkspace(false);
        record.secretVars().forEach((name, source) -> {
            String value = secretValues.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(names.name("secretVars") + ": the record " + record.id()
                        + " needs the secret variable " + name + " (it came from " + source + "); supply its value");
            }
            b.secretVar(name, value, source);
        });
        return b.build();
    }

    /**
     * This request with more variables: how a release sets its live and candidate image for each phase.
     *
     * @param more variables to add (or set) as {@code -var}
     * @return the request
     */
    public DeployRequest with(Map<String, String> more) {
        Builder b = settings().workspace(workspace).createWorkspace(createWorkspace);
        b.vars(vars);
        b.vars(more);
        varFiles.forEach(b::varFile);
        secretVars.forEach((name, value) -> b.secretVar(name, value, secretVarSources.get(name)));
        return b.build();
    }

    /** @return the workspace name recorded: the one named, else {@value DeploymentRecord#DEFAULT_WORKSPACE} */
    public String workspaceOrDefault() {
        return workspace == null ? DeploymentRecord.DEFAULT_WORKSPACE : workspace;
    }

    /** @return a builder holding this request's settings: everything but the workspace and the variables */
    private Builder settings() {
        Builder b = builder(dir).workingDirectory(workingDirectory).token(token).backendConfig(backendConfig)
                .lockTimeout(lockTimeout).allowDestroy(gate.allowDestroy()).allowDestroyFirst(gate.allowDestroyFirst())
                .planOnly(planOnly).timeout(timeout).executable(executable).environment(environment).names(names);
        gate.allowDestroyOf().forEach(b::allowDestroyOf);
        return b;
    }

    /** Shows everything except secret values. */
    @Override
    public String toString() {
        return "DeployRequest[dir=" + dir + ", vars=" + vars + ", varFiles=" + varFiles + ", secretVars="
                + secretVarSources + ", token=" + (token == null ? "none" : "****") + ", workspace="
                + workspaceOrDefault()
                + ", planOnly=" + planOnly + ", gate=" + gate + "]";
    }

    /** Collects a {@link DeployRequest}'s values; {@link #build()} checks them. */
    public static final class Builder extends ToolRequestBuilder<Builder> {
        private final String dir;
        private final Map<String, String> secretVars = new LinkedHashMap<>();
        private final Map<String, String> secretVarSources = new LinkedHashMap<>();
        private String workspace;
        private boolean createWorkspace;
        private final List<String> backendConfig = new ArrayList<>();
        private Duration lockTimeout;
        private String lockTimeoutText;
        private boolean allowDestroy;
        private final List<String> allowDestroyOf = new ArrayList<>();
        private boolean allowDestroyFirst;
        private boolean planOnly;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String dir) {
            this.dir = dir;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Adds a secret variable, handed to the tool as {@code TF_VAR_<name>} only.
         *
         * @param name the Terraform variable name
         * @param value the secret value
         * @param source where it came from (an environment variable or credentials id), recorded instead of the value
         * @return this builder
         */
        public Builder secretVar(String name, String value, String source) {
            secretVars.put(name, value);
            secretVarSources.put(name, source);
            return this;
        }

        /**
         * @param workspace the workspace to select, or null for the current one
         * @return this builder
         */
        public Builder workspace(String workspace) {
            this.workspace = workspace;
            return this;
        }

        /**
         * @param create whether to create the workspace when it does not exist
         * @return this builder
         */
        public Builder createWorkspace(boolean create) {
            this.createWorkspace = create;
            return this;
        }

        /**
         * @param value a {@code -backend-config} value: {@code KEY=VALUE} or a file path
         * @return this builder
         */
        public Builder backendConfig(String value) {
            backendConfig.add(value);
            return this;
        }

        /**
         * @param values {@code -backend-config} values
         * @return this builder
         */
        public Builder backendConfig(List<String> values) {
            backendConfig.addAll(values);
            return this;
        }

        /**
         * @param lockTimeout how long to wait for the state lock, or null for the tool's default
         * @return this builder
         */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            this.lockTimeoutText = null;
            return this;
        }

        /**
         * @param text how long to wait for the state lock as written, e.g. {@code 30s}; blank for the tool's default;
         *     read by {@link #build()}
         * @return this builder
         */
        public Builder lockTimeout(String text) {
            this.lockTimeoutText = text;
            this.lockTimeout = null;
            return this;
        }

        /**
         * @param allow whether pure deletes are allowed (all of them unless patterns are given)
         * @return this builder
         */
        public Builder allowDestroy(boolean allow) {
            this.allowDestroy = allow;
            return this;
        }

        /**
         * @param pattern allows deletes of addresses matching it ({@code *} matches any characters)
         * @return this builder
         */
        public Builder allowDestroyOf(String pattern) {
            allowDestroyOf.add(pattern);
            return this;
        }

        /**
         * @param allow whether destroy-first replacements are allowed
         * @return this builder
         */
        public Builder allowDestroyFirst(boolean allow) {
            this.allowDestroyFirst = allow;
            return this;
        }

        /**
         * @param planOnly whether to stop after the plan
         * @return this builder
         */
        public Builder planOnly(boolean planOnly) {
            this.planOnly = planOnly;
            return this;
        }

        /**
         * @param name a non-secret environment variable for the tool
         * @param value its value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "environment: name"), value);
            return this;
        }

        /**
         * @param values non-secret environment variables for the tool
         * @return this builder
         */
        public Builder environment(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException naming the field that is wrong and what to do
         */
        public DeployRequest build() {
            Duration lock = lockTimeoutText != null ? Durations.parseOrNull(names.name("lockTimeout"), lockTimeoutText)
                    : lockTimeout;
            return new DeployRequest(dir, workingDirectory, vars, varFiles, secretVars, secretVarSources, token,
                    workspace, createWorkspace, backendConfig, lock,
                    new DestroyGate(allowDestroy, allowDestroyOf, allowDestroyFirst), planOnly, timeout(), executable,
                    environment, names);
        }
    }
}
