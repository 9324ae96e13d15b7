package io.jenkins.plugins.immutabledeploy.engine.log;

/**
 * Port: where the engine's log lines go (a Jenkins build log, a terminal, a test's list).
 * Lines reach it already masked; it only has to print them.
 */
@FunctionalInterface
public interface LogSink {
    /**
     * Prints one line.
     *
     * @param line a complete line without its line terminator
     */
    void println(String line);
}
