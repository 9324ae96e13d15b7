package io.jenkins.plugins.immutabledeploy.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every request to run a tool (a bake, a deploy) is built from, in one vocabulary: the tool's
 * {@code executable}, the {@code workingDirectory} relative paths are in, plain {@code vars} and {@code varFiles}, the
 * cloud {@code token}, a {@code timeout}, and the {@code names} the caller gives those fields. The builder only
 * collects; the request it builds checks everything, in one place.
 *
 * @param <B> the concrete builder
 */
public abstract class ToolRequestBuilder<B extends ToolRequestBuilder<B>> {
    /** The tool's path, or null to look it up. */
    protected String executable;
    /** The folder relative paths are in, or null for the caller's. */
    protected String workingDirectory;
    /** Plain variables, in order. */
    protected final Map<String, String> vars = new LinkedHashMap<>();
    /** Variable files, in order. */
    protected final List<String> varFiles = new ArrayList<>();
    /** The cloud API token, or null. */
    protected String token;
    /** How the caller names the fields. */
    protected Vocabulary names = Vocabulary.FIELDS;
    private Duration timeout;
    private String timeoutText;

    /** For subclasses. */
    protected ToolRequestBuilder() {}

    /** @return this builder, as its own type */
    protected abstract B self();

    /**
     * @param executable the tool's path; null or blank to look the tool up ({@code IMMUTABLE_DEPLOY_TOOLS}, then PATH)
     * @return this builder
     */
    public B executable(String executable) {
        this.executable = executable;
        return self();
    }

    /**
     * @param dir the folder the tool runs in and relative paths resolve against; null for the caller's
     * @return this builder
     */
    public B workingDirectory(String dir) {
        this.workingDirectory = dir;
        return self();
    }

    /**
     * Adds a plain variable, passed on the command line. Never pass a secret here: the process runner refuses to
     * start a command line that contains a known secret.
     *
     * @param name the variable's name
     * @param value its value (this is where the image id usually goes)
     * @return this builder
     */
    public B var(String name, String value) {
        vars.put(name, value);
        return self();
    }

    /**
     * @param values plain variables to add, name to value
     * @return this builder
     */
    public B vars(Map<String, String> values) {
        vars.putAll(values);
        return self();
    }

    /**
     * @param path a variables file, relative to the working directory (or the configuration) or absolute
     * @return this builder
     */
    public B varFile(String path) {
        varFiles.add(path);
        return self();
    }

    /**
     * @param token the cloud API token, or null for none; it reaches the tool only as environment variables
     * @return this builder
     */
    public B token(String token) {
        this.token = token;
        return self();
    }

    /**
     * @param timeout the longest the tool may run, or null for no limit
     * @return this builder
     */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        this.timeoutText = null;
        return self();
    }

    /**
     * @param text the longest the tool may run as written, e.g. {@code 30m}; blank for no limit; read when the request
     *     is built, naming the field as the caller does
     * @return this builder
     */
    public B timeout(String text) {
        this.timeoutText = text;
        this.timeout = null;
        return self();
    }

    /**
     * @param names how the caller names the fields (default: as the fields are named)
     * @return this builder
     */
    public B names(Vocabulary names) {
        this.names = Objects.requireNonNull(names, "names");
        return self();
    }

    /**
     * @return the time limit: the one set, or the text given read as a duration
     * @throws IllegalArgumentException naming the field when the text is not a duration
     */
    protected Duration timeout() {
        return timeoutText != null ? Durations.parseOrNull(names.name("timeout"), timeoutText) : timeout;
    }
}
