package io.jenkins.plugins.immutabledeploy.engine.packer;

import io.jenkins.plugins.immutabledeploy.engine.VariableNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code packer build} needs, immutable. Plain variables go on the command line as
 * {@code -var}; secret variables and the cloud token only ever reach Packer as environment
 * variables ({@code PKR_VAR_<name>}, {@code DIGITALOCEAN_TOKEN}, {@code DIGITALOCEAN_API_TOKEN}).
 * {@link #toString()} never shows a secret value.
 */
public final class BakeRequest {
    private final String template;
    private final String packer;
    private final String workingDirectory;
    private final Map<String, String> vars;
    private final List<String> varFiles;
    private final Map<String, String> secretVars;
    private final String cloudToken;
    private final List<String> only;
    private final List<String> except;
    private final OnError onError;
    private final Duration timeout;
    private final String manifest;

    private BakeRequest(Builder b) {
        if (b.template == null || b.template.isBlank()) {
            throw new IllegalArgumentException("template: the path of a Packer template (a .json file, a .pkr.hcl"
                    + " file or a folder of .pkr.hcl files) is required");
        }
        if (b.packer == null || b.packer.isBlank()) {
            throw new IllegalArgumentException("packer: the Packer executable must not be blank; leave it unset"
                    + " to use 'packer' from PATH");
        }
        b.vars.keySet().forEach(n -> VariableNames.check("Packer", "var", n));
        b.secretVars.keySet().forEach(n -> VariableNames.check("Packer", "secretVar", n));
        for (String n : b.secretVars.keySet()) {
            if (b.vars.containsKey(n)) {
                throw new IllegalArgumentException("var " + n + ": also given as a secret variable; give it once,"
                        + " as a secret variable, so its value never reaches the command line");
            }
        }
        b.secretVars.forEach((n, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("secretVar " + n + ": the value is empty; check the credential"
                        + " or environment variable that should hold it");
            }
        });
        for (String f : b.varFiles) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("varFile: a blank path was given; remove it or name a"
                        + " .pkrvars.hcl or .json file");
            }
        }
        if (b.timeout != null && (b.timeout.isNegative() || b.timeout.isZero())) {
            throw new IllegalArgumentException("timeout: must be positive, e.g. 30m; leave it unset for no limit");
        }
        this.template = b.template;
        this.packer = b.packer;
        this.workingDirectory = b.workingDirectory;
        this.vars = Collections.unmodifiableMap(new LinkedHashMap<>(b.vars));
        this.varFiles = List.copyOf(b.varFiles);
        this.secretVars = Collections.unmodifiableMap(new LinkedHashMap<>(b.secretVars));
        this.cloudToken = b.cloudToken == null || b.cloudToken.isEmpty() ? null : b.cloudToken;
        this.only = List.copyOf(b.only);
        this.except = List.copyOf(b.except);
        this.onError = Objects.requireNonNull(b.onError, "onError");
        this.timeout = b.timeout;
        this.manifest = b.manifest;
    }

    /**
     * Starts a request.
     *
     * @param template the template: a legacy JSON file, an HCL2 file or a folder of HCL2 files
     * @return a builder
     */
    public static Builder builder(String template) {
        return new Builder(template);
    }

    /** @return the template path, as given */
    public String template() {
        return template;
    }

    /** @return the Packer executable: a path, or a name looked up on PATH */
    public String packer() {
        return packer;
    }

    /** @return the folder Packer runs in, or null for the caller's */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** @return plain variables, passed as {@code -var name=value} */
    public Map<String, String> vars() {
        return vars;
    }

    /** @return variable files, passed as {@code -var-file} in this order */
    public List<String> varFiles() {
        return varFiles;
    }

    /** @return secret variables by name; each reaches Packer as {@code PKR_VAR_<name>} */
    public Map<String, String> secretVars() {
        return secretVars;
    }

    /** @return the cloud API token, or null; it reaches Packer as {@code DIGITALOCEAN_TOKEN} and {@code DIGITALOCEAN_API_TOKEN} */
    public String cloudToken() {
        return cloudToken;
    }

    /** @return builds to run ({@code -only}); empty for all */
    public List<String> only() {
        return only;
    }

    /** @return builds to skip ({@code -except}) */
    public List<String> except() {
        return except;
    }

    /** @return what Packer does when a build fails */
    public OnError onError() {
        return onError;
    }

    /** @return how long the bake may run before it is cancelled, or null for no limit */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @return the manifest file to read, or null to look for the template's {@code manifest}
     *     post-processors and read the files they name
     */
    public String manifest() {
        return manifest;
    }

    /** @return every secret value this request carries, to register with the run's masker */
    public List<String> secrets() {
        List<String> s = new ArrayList<>(secretVars.values());
        if (cloudToken != null) {
            s.add(cloudToken);
        }
        return s;
    }

    /** Shows the template, variable names and values of plain variables; secrets by name only. */
    @Override
    public String toString() {
        return "BakeRequest[template=" + template + ", vars=" + vars + ", varFiles=" + varFiles + ", secretVars="
                + secretVars.keySet() + ", cloudToken=" + (cloudToken == null ? "none" : "set") + ", only=" + only
                + ", except=" + except + ", onError=" + onError.flag() + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link BakeRequest}. */
    public static final class Builder {
        private final String template;
        private String packer = "packer";
        private String workingDirectory;
        private final Map<String, String> vars = new LinkedHashMap<>();
        private final List<String> varFiles = new ArrayList<>();
        private final Map<String, String> secretVars = new LinkedHashMap<>();
        private String cloudToken;
        private final List<String> only = new ArrayList<>();
        private final List<String> except = new ArrayList<>();
        private OnError onError = OnError.CLEANUP;
        private Duration timeout;
        private String manifest;

        private Builder(String template) {
            this.template = template;
        }

        /**
         * @param packer the Packer executable, a path or a name on PATH (default {@code packer})
         * @return this builder
         */
        public Builder packer(String packer) {
            this.packer = packer;
            return this;
        }

        /**
         * @param dir the folder Packer runs in (relative paths in the template resolve against it); null for the caller's
         * @return this builder
         */
        public Builder workingDirectory(String dir) {
            this.workingDirectory = dir;
            return this;
        }

        /**
         * Adds a plain variable. Never pass a secret here: it would be on the command line, and the
         * process runner refuses to start a command line that contains a known secret.
         *
         * @param name the variable's name
         * @param value its value
         * @return this builder
         */
        public Builder var(String name, String value) {
            vars.put(name, Objects.requireNonNull(value, "value of var " + name));
            return this;
        }

        /**
         * @param vars plain variables to add
         * @return this builder
         */
        public Builder vars(Map<String, String> vars) {
            vars.forEach(this::var);
            return this;
        }

        /**
         * @param path a variables file ({@code .pkrvars.hcl} or JSON)
         * @return this builder
         */
        public Builder varFile(String path) {
            varFiles.add(path);
            return this;
        }

        /**
         * Adds a secret variable, handed to Packer as {@code PKR_VAR_<name>} and masked everywhere.
         *
         * @param name the variable's name as the template declares it
         * @param value the secret value
         * @return this builder
         */
        public Builder secretVar(String name, String value) {
            secretVars.put(name, value);
            return this;
        }

        /**
         * @param token the DigitalOcean API token, or null
         * @return this builder
         */
        public Builder cloudToken(String token) {
            this.cloudToken = token;
            return this;
        }

        /**
         * @param builds build names or globs to run, e.g. {@code digitalocean.app}
         * @return this builder
         */
        public Builder only(List<String> builds) {
            only.addAll(builds);
            return this;
        }

        /**
         * @param builds build names or globs to skip
         * @return this builder
         */
        public Builder except(List<String> builds) {
            except.addAll(builds);
            return this;
        }

        /**
         * @param onError what Packer does when a build fails
         * @return this builder
         */
        public Builder onError(OnError onError) {
            this.onError = onError;
            return this;
        }

        /**
         * @param timeout the longest the bake may run, or null for no limit
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param path the manifest file the template's {@code manifest} post-processor writes, when
         *     it cannot be found in the template (e.g. its path is computed)
         * @return this builder
         */
        public Builder manifest(String path) {
            this.manifest = path;
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException naming the field that is wrong and what to do
         */
        public BakeRequest build() {
            return new BakeRequest(this);
        }
    }
}
