package io.jenkins.plugins.immutabledeploy.engine.process;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;

/**
 * Receives a child's output one line at a time, unmasked, as it arrives. A handler that prints a
 * line prints it through a {@link BuildLog}, which masks it.
 */
@FunctionalInterface
public interface LineHandler {
    /**
     * Handles one line.
     *
     * @param line the line without its terminator (a trailing CR is removed too)
     */
    void line(String line);

    /**
     * A handler that prints every line to the log.
     *
     * @param log the log
     * @return the handler
     */
    static LineHandler log(BuildLog log) {
        return log::info;
    }

    /** @return a handler that drops every line */
    static LineHandler discard() {
        return line -> {};
    }
}
