package io.jenkins.plugins.immutabledeploy.engine.packer;

import io.jenkins.plugins.immutabledeploy.engine.ToolRequestBuilder;
import io.jenkins.plugins.immutabledeploy.engine.VariableNames;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code packer build} needs, immutable and checked once, here. Plain variables go on the command
 * line as {@code -var}; secret variables and the cloud token only ever reach Packer as environment variables
 * ({@code PKR_VAR_<name>}, {@code DIGITALOCEAN_TOKEN}, {@code DIGITALOCEAN_API_TOKEN}). {@link #toString()} never
 * shows a secret value.
 *
 * @param template the template: a legacy JSON file, an HCL2 file or a folder of HCL2 files
 * @param executable Packer's path, or null to look for {@code packer} in {@code IMMUTABLE_DEPLOY_TOOLS}, then PATH
 * @param workingDirectory the folder Packer runs in (relative paths resolve against it), or null for the caller's
 * @param vars plain variables, passed as {@code -var name=value}
 * @param varFiles variable files, passed as {@code -var-file} in this order
 * @param secretVars secret variables by name; each reaches Packer as {@code PKR_VAR_<name>}
 * @param token the cloud API token, or null; it reaches Packer as {@code DIGITALOCEAN_TOKEN} and
 *     {@code DIGITALOCEAN_API_TOKEN}
 * @param only builds to run ({@code -only}); empty for all
 * @param except builds to skip ({@code -except})
 * @param onError what Packer does when a build fails
 * @param timeout how long the bake may run before it is cancelled, or null for no limit
 * @param manifest the manifest file to read, or null to look for the template's {@code manifest} post-processors
 *     and read the files they name
 * @param names how the caller names these fields, for messages
 */
public record BakeRequest(
        String template,
        String executable,
        String workingDirectory,
        Map<String, String> vars,
        List<String> varFiles,
        Map<String, String> secretVars,
        String token,
        List<String> only,
        List<String> except,
        OnError onError,
        Duration timeout,
        String manifest,
        Vocabulary names) {

    /** What Packer does when a build fails, unless told otherwise: {@code -on-error=cleanup}. */
    public static final String DEFAULT_ON_ERROR = "cleanup";

    /** Checks every field, naming it as the caller does, and copies the collections. */
    public BakeRequest {
        names = names == null ? Vocabulary.FIELDS : names;
        Vocabulary n = names;
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException(n.name("template") + ": the path of a Packer template (a .json file, a"
                    + " .pkr.hcl file or a folder of .pkr.hcl files) is required");
        }
        executable = executable == null || executable.isBlank() ? null : executable;
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars == null ? Map.of() : vars));
        secretVars = Collections.unmodifiableMap(new LinkedHashMap<>(secretVars == null ? Map.of() : secretVars));
        vars.forEach((k, v) -> {
            VariableNames.check("Packer", n.name("vars"), k);
            Objects.requireNonNull(v, () -> n.name("vars") + ": the value of " + k + " is missing");
        });
        secretVars.keySet().forEach(k -> VariableNames.check("Packer", n.name("secretVars"), k));
        for (String k : secretVars.keySet()) {
            if (vars.containsKey(k)) {
                throw new IllegalArgumentException(n.name("vars") + " " + k + ": also given as a secret variable; give"
                        + " it once, in " + n.name("secretVars") + ", so its value never reaches the command line");
            }
        }
        secretVars.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException(n.name("secretVars") + " " + k + ": the value is empty; check the"
                        + " credential or environment variable that should hold it");
            }
        });
        varFiles = List.copyOf(varFiles == null ? List.of() : varFiles);
        for (String f : varFiles) {
            if (f.isBlank()) {
                throw new IllegalArgumentException(n.name("varFiles") + ": a blank path was given; remove it or name a"
                        + " .pkrvars.hcl or .json file");
            }
        }
        token = token == null || token.isEmpty() ? null : token;
        only = List.copyOf(only == null ? List.of() : only);
        except = List.copyOf(except == null ? List.of() : except);
        onError = onError == null ? OnError.CLEANUP : onError;
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException(n.name("timeout") + ": must be positive, e.g. 30m; leave it unset for"
                    + " no limit");
        }
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

    /** @return every secret value this request carries, to register with the run's masker */
    public List<String> secrets() {
        List<String> s = new ArrayList<>(secretVars.values());
        if (token != null) {
            s.add(token);
        }
        return s;
    }

    /**
     * @param path the Packer executable found for this request
     * @return the same request, run with that executable
     */
    public BakeRequest withExecutable(String path) {
        return new BakeRequest(template, path, workingDirectory, vars, varFiles, secretVars, token, only, except,
                onError, timeout, manifest, names);
    }

    /** Shows the template, variable names and values of plain variables; secrets by name only. */
    @Override
    public String toString() {
        return "BakeRequest[template=" + template + ", vars=" + vars + ", varFiles=" + varFiles + ", secretVars="
                + secretVars.keySet() + ", token=" + (token == null ? "none" : "set") + ", only=" + only
                + ", except=" + except + ", onError=" + onError.flag() + ", timeout=" + timeout + "]";
    }

    /** Collects a {@link BakeRequest}'s values; {@link #build()} checks them. */
    public static final class Builder extends ToolRequestBuilder<Builder> {
        private final String template;
        private final Map<String, String> secretVars = new LinkedHashMap<>();
        private final List<String> only = new ArrayList<>();
        private final List<String> except = new ArrayList<>();
        private OnError onError;
        private String onErrorText;
        private String manifest;

        private Builder(String template) {
            this.template = template;
        }

        @Override
        protected Builder self() {
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
            this.onErrorText = null;
            return this;
        }

        /**
         * @param text {@code cleanup}, {@code abort} or {@code run-cleanup-provisioner}; blank for {@code cleanup};
         *     read by {@link #build()}
         * @return this builder
         */
        public Builder onError(String text) {
            this.onErrorText = text;
            this.onError = null;
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
            OnError choice = onErrorText != null ? OnError.parse(names.name("onError"), onErrorText) : onError;
            return new BakeRequest(template, executable, workingDirectory, vars, varFiles, secretVars, token, only,
                    except, choice, timeout(), manifest, names);
        }
    }
}
