package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.VariableNames;
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
 * Everything one deploy needs to know: the configuration folder, its variables (plain and secret),
 * the workspace and backend, the destroy gate's permissions, and limits. Immutable; built with
 * {@link #builder(String)}. Secret values are held here only to be handed to the tool as environment
 * variables; {@link #toString()} never shows them.
 */
public final class DeployRequest {
    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final String dir;
    private final Map<String, String> vars;
    private final List<String> varFiles;
    private final Map<String, String> secretVars;
    private final Map<String, String> secretVarSources;
    private final String token;
    private final String workspace;
    private final boolean createWorkspace;
    private final List<String> backendConfig;
    private final Duration lockTimeout;
    private final DestroyGate gate;
    private final boolean planOnly;
    private final Duration timeout;
    private final String executable;
    private final Map<String, String> environment;

    private DeployRequest(Builder b) {
        this.dir = b.dir;
        this.vars = Collections.unmodifiableMap(new LinkedHashMap<>(b.vars));
        this.varFiles = List.copyOf(b.varFiles);
        this.secretVars = Collections.unmodifiableMap(new LinkedHashMap<>(b.secretVars));
        this.secretVarSources = Collections.unmodifiableMap(new LinkedHashMap<>(b.secretVarSources));
        this.token = b.token;
        this.workspace = b.workspace;
        this.createWorkspace = b.createWorkspace;
        this.backendConfig = List.copyOf(b.backendConfig);
        this.lockTimeout = b.lockTimeout;
        this.gate = new DestroyGate(b.allowDestroy, b.allowDestroyOf, b.allowDestroyFirst);
        this.planOnly = b.planOnly;
        this.timeout = b.timeout;
        this.executable = b.executable;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    }

    /**
     * Starts a request.
     *
     * @param dir the Terraform/OpenTofu configuration folder
     * @return a builder
     * @throws IllegalArgumentException when the folder is blank
     */
    public static Builder builder(String dir) {
        return new Builder(dir);
    }

    /**
     * Starts a request that deploys again what a record describes: the same folder, workspace,
     * variables and variable files. This is how a rollback returns to the previous deployment; the
     * caller adds the token and gate permissions.
     *
     * @param record the deployment to return to
     * @param secretValues the values of the record's secret variables, by variable name (the record
     *     keeps only their names and where they came from)
     * @return a builder
     * @throws IllegalArgumentException naming a secret variable whose value was not supplied
     */
    public static Builder fromRecord(DeploymentRecord record, Map<String, String> secretValues) {
        Builder b = builder(record.dir()).vars(record.vars());
        record.varFiles().forEach(b::varFile);
        if (!"default".equals(record.workspace())) {
            b.workspace(record.workspace());
        }
        record.secretVars().forEach((name, source) -> {
            String value = secretValues.get(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("secretVars: the record " + record.id() + " needs the secret variable "
                        + name + " (it came from " + source + "); supply its value");
            }
            b.secretVar(name, value, source);
        });
        return b;
    }

    /** @return the configuration folder, as given */
    public String dir() {
        return dir;
    }

    /** @return non-secret variables, passed as {@code -var NAME=VALUE} */
    public Map<String, String> vars() {
        return vars;
    }

    /** @return variable files, passed as {@code -var-file=PATH} */
    public List<String> varFiles() {
        return varFiles;
    }

    /** @return secret variables by name; passed as {@code TF_VAR_NAME} environment variables only */
    public Map<String, String> secretVars() {
        return secretVars;
    }

    /** @return where each secret variable came from (an environment variable, a credentials id), for the record */
    public Map<String, String> secretVarSources() {
        return secretVarSources;
    }

    /** @return the cloud API token, or null; passed as {@code DIGITALOCEAN_TOKEN} and its aliases */
    public String token() {
        return token;
    }

    /** @return the workspace to select, or null for the current one */
    public String workspace() {
        return workspace;
    }

    /** @return the workspace name recorded: the one named, else {@code default} */
    public String workspaceOrDefault() {
        return workspace == null ? "default" : workspace;
    }

    /** @return whether a missing workspace is created */
    public boolean createWorkspace() {
        return createWorkspace;
    }

    /** @return {@code -backend-config} values: {@code KEY=VALUE} pairs or file paths */
    public List<String> backendConfig() {
        return backendConfig;
    }

    /** @return how long to wait for the state lock, or null for the tool's default (no waiting) */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** @return the destroy gate's permissions */
    public DestroyGate gate() {
        return gate;
    }

    /** @return whether to plan and report only, never apply */
    public boolean planOnly() {
        return planOnly;
    }

    /** @return the limit for the whole deploy, or null for none */
    public Duration timeout() {
        return timeout;
    }

    /** @return the tool's path, or null to look for {@code tofu}, then {@code terraform} */
    public String executable() {
        return executable;
    }

    /** @return extra non-secret environment variables for the tool (e.g. {@code TF_CLI_CONFIG_FILE}) */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = builder(dir).vars(vars).token(token).backendConfig(backendConfig).lockTimeout(lockTimeout)
                .allowDestroy(gate.allowDestroy()).allowDestroyFirst(gate.allowDestroyFirst()).planOnly(planOnly)
                .timeout(timeout).executable(executable).environment(environment);
        varFiles.forEach(b::varFile);
        secretVars.forEach((k, v) -> b.secretVar(k, v, secretVarSources.get(k)));
        gate.allowDestroyOf().forEach(b::allowDestroyOf);
        if (workspace != null) {
            b.workspace(workspace).createWorkspace(createWorkspace);
        }
        return b;
    }

    /** Shows everything except secret values. */
    @Override
    public String toString() {
        return "DeployRequest[dir=" + dir + ", vars=" + vars + ", varFiles=" + varFiles + ", secretVars="
                + secretVarSources + ", token=" + (token == null ? "none" : "****") + ", workspace=" + workspaceOrDefault()
                + ", planOnly=" + planOnly + ", gate=" + gate + "]";
    }

    /** Builds a {@link DeployRequest}; each setter checks its value and names the field when it is wrong. */
    public static final class Builder {
        private final String dir;
        private final Map<String, String> vars = new LinkedHashMap<>();
        private final List<String> varFiles = new ArrayList<>();
        private final Map<String, String> secretVars = new LinkedHashMap<>();
        private final Map<String, String> secretVarSources = new LinkedHashMap<>();
        private String token;
        private String workspace;
        private boolean createWorkspace;
        private final List<String> backendConfig = new ArrayList<>();
        private Duration lockTimeout;
        private boolean allowDestroy;
        private final List<String> allowDestroyOf = new ArrayList<>();
        private boolean allowDestroyFirst;
        private boolean planOnly;
        private Duration timeout;
        private String executable;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String dir) {
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("dir: the Terraform/OpenTofu configuration folder is required");
            }
            this.dir = dir;
        }

        /**
         * Adds a non-secret variable.
         *
         * @param name the Terraform variable name
         * @param value its value (this is where the image id usually goes)
         * @return this builder
         */
        public Builder var(String name, String value) {
            VariableNames.check("Terraform", "vars", name);
            Objects.requireNonNull(value, "vars: value of " + name);
            if (secretVars.containsKey(name)) {
                throw new IllegalArgumentException("vars: " + name + " is already a secret variable; give it once");
            }
            vars.put(name, value);
            return this;
        }

        /**
         * Adds non-secret variables.
         *
         * @param values name to value
         * @return this builder
         */
        public Builder vars(Map<String, String> values) {
            values.forEach(this::var);
            return this;
        }

        /**
         * Adds a variable file.
         *
         * @param path the file's path, relative to the configuration folder or absolute
         * @return this builder
         */
        public Builder varFile(String path) {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("varFiles: a variable file path must not be blank");
            }
            varFiles.add(path);
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
            VariableNames.check("Terraform", "secretVars", name);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("secretVars: the value of " + name + " (from " + source
                        + ") is empty; set it before the deploy");
            }
            if (vars.containsKey(name)) {
                throw new IllegalArgumentException("secretVars: " + name + " is already a plain variable; give it once");
            }
            secretVars.put(name, value);
            secretVarSources.put(name, source == null || source.isBlank() ? "(unnamed)" : source);
            return this;
        }

        /**
         * Sets the cloud API token.
         *
         * @param token the token, or null for none
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /**
         * Names the workspace to select.
         *
         * @param workspace the name, or null for the current one
         * @return this builder
         */
        public Builder workspace(String workspace) {
            if (workspace != null && !WORKSPACE.matcher(workspace).matches()) {
                throw new IllegalArgumentException("workspace: '" + workspace
                        + "' is not a workspace name; use letters, digits, '_', '-' and '.'");
            }
            this.workspace = workspace;
            return this;
        }

        /**
         * Creates the workspace when it does not exist.
         *
         * @param create whether to create it
         * @return this builder
         */
        public Builder createWorkspace(boolean create) {
            this.createWorkspace = create;
            return this;
        }

        /**
         * Adds a {@code -backend-config} value.
         *
         * @param value {@code KEY=VALUE} or a file path
         * @return this builder
         */
        public Builder backendConfig(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("backendConfig: a value must be KEY=VALUE or a file path, not blank");
            }
            backendConfig.add(value);
            return this;
        }

        /**
         * Adds {@code -backend-config} values.
         *
         * @param values {@code KEY=VALUE} pairs or file paths
         * @return this builder
         */
        public Builder backendConfig(List<String> values) {
            values.forEach(this::backendConfig);
            return this;
        }

        /**
         * Sets how long to wait for the state lock.
         *
         * @param lockTimeout the wait, or null for the tool's default
         * @return this builder
         */
        public Builder lockTimeout(Duration lockTimeout) {
            if (lockTimeout != null && lockTimeout.isNegative()) {
                throw new IllegalArgumentException("lockTimeout: must not be negative, was " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
            return this;
        }

        /**
         * Allows pure deletes (all of them unless patterns are given).
         *
         * @param allow whether to allow them
         * @return this builder
         */
        public Builder allowDestroy(boolean allow) {
            this.allowDestroy = allow;
            return this;
        }

        /**
         * Allows deletes of addresses matching a pattern ({@code *} matches any characters).
         *
         * @param pattern the pattern
         * @return this builder
         */
        public Builder allowDestroyOf(String pattern) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("allowDestroyOf: a pattern must not be blank; e.g. terraform_data.worker[*]");
            }
            allowDestroyOf.add(pattern);
            return this;
        }

        /**
         * Allows destroy-first replacements.
         *
         * @param allow whether to allow them
         * @return this builder
         */
        public Builder allowDestroyFirst(boolean allow) {
            this.allowDestroyFirst = allow;
            return this;
        }

        /**
         * Plans and reports only.
         *
         * @param planOnly whether to stop after the plan
         * @return this builder
         */
        public Builder planOnly(boolean planOnly) {
            this.planOnly = planOnly;
            return this;
        }

        /**
         * Limits the whole deploy.
         *
         * @param timeout the limit, or null for none
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the tool's path.
         *
         * @param executable the path, or null to look for {@code tofu}, then {@code terraform}
         * @return this builder
         */
        public Builder executable(String executable) {
            this.executable = executable == null || executable.isBlank() ? null : executable;
            return this;
        }

        /**
         * Adds a non-secret environment variable for the tool.
         *
         * @param name the variable
         * @param value its value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "environment: name"),
                    Objects.requireNonNull(value, "environment: value of " + name));
            return this;
        }

        /**
         * Adds non-secret environment variables for the tool.
         *
         * @param values the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> values) {
            values.forEach(this::environment);
            return this;
        }

        /** @return the request */
        public DeployRequest build() {
            return new DeployRequest(this);
        }
    }
}
