package io.jenkins.plugins.immutabledeploy.engine.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of one child process: the command line, the extra environment and the
 * working directory. Secrets belong in {@link #environment()}, never in {@link #command()}: the
 * {@link ProcessRunner} refuses a command line that contains a known secret.
 */
public final class ProcessRequest {
    private final List<String> command;
    private final Map<String, String> environment;
    private final String workingDirectory;

    private ProcessRequest(Builder b) {
        if (b.command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        this.command = List.copyOf(b.command);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.workingDirectory = b.workingDirectory;
    }

    /**
     * Starts a request for an executable.
     *
     * @param executable a path or a name looked up on PATH
     * @return a builder
     */
    public static Builder builder(String executable) {
        return new Builder(executable);
    }

    /** @return the executable followed by its arguments */
    public List<String> command() {
        return command;
    }

    /** @return the executable: the first element of {@link #command()} */
    public String executable() {
        return command.get(0);
    }

    /** @return variables added to (or replacing) the inherited environment */
    public Map<String, String> environment() {
        return environment;
    }

    /** @return the working directory, or null for the caller's */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        Builder b = new Builder(command.get(0));
        b.command.clear();
        b.command.addAll(command);
        b.environment.putAll(environment);
        b.workingDirectory = workingDirectory;
        return b;
    }

    /** Shows the command line and the names, never the values, of the environment variables. */
    @Override
    public String toString() {
        return String.join(" ", command) + (environment.isEmpty() ? "" : " (env: " + String.join(", ", environment.keySet()) + ")")
                + (workingDirectory == null ? "" : " in " + workingDirectory);
    }

    /** Builds a {@link ProcessRequest}. */
    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String workingDirectory;

        private Builder(String executable) {
            Objects.requireNonNull(executable, "executable");
            if (executable.isBlank()) {
                throw new IllegalArgumentException("executable must not be blank");
            }
            command.add(executable);
        }

        /**
         * Appends arguments.
         *
         * @param args the arguments, none null
         * @return this builder
         */
        public Builder args(String... args) {
            for (String a : args) {
                command.add(Objects.requireNonNull(a, "argument"));
            }
            return this;
        }

        /**
         * Appends arguments.
         *
         * @param args the arguments, none null
         * @return this builder
         */
        public Builder args(List<String> args) {
            return args(args.toArray(new String[0]));
        }

        /**
         * Sets an environment variable for the child.
         *
         * @param name the variable name
         * @param value its value
         * @return this builder
         */
        public Builder env(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /**
         * Sets several environment variables for the child.
         *
         * @param vars the variables
         * @return this builder
         */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /**
         * Sets the working directory.
         *
         * @param dir the directory, as a path on the machine that runs the process
         * @return this builder
         */
        public Builder workingDirectory(String dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** @return the request */
        public ProcessRequest build() {
            return new ProcessRequest(this);
        }
    }
}
