package io.jenkins.plugins.immutabledeploy.engine.log;

import java.util.Objects;

/**
 * The engine's log: every line goes through the run's {@link SecretMasker} before it reaches the
 * {@link LogSink}, so no code path can print a secret by forgetting to mask it.
 */
public final class BuildLog {
    private final LogSink sink;
    private final SecretMasker secrets;

    /**
     * @param sink where masked lines go
     * @param secrets the run's secrets
     */
    public BuildLog(LogSink sink, SecretMasker secrets) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** @return the run's secrets, to mask values returned or thrown */
    public SecretMasker secrets() {
        return secrets;
    }

    /**
     * Prints an informational line.
     *
     * @param line the text
     */
    public void info(String line) {
        sink.println(secrets.mask(line));
    }

    /**
     * Prints a warning, prefixed {@code WARNING: }.
     *
     * @param line the text
     */
    public void warn(String line) {
        sink.println("WARNING: " + secrets.mask(line));
    }

    /**
     * Prints an error, prefixed {@code ERROR: }.
     *
     * @param line the text
     */
    public void error(String line) {
        sink.println("ERROR: " + secrets.mask(line));
    }
}
