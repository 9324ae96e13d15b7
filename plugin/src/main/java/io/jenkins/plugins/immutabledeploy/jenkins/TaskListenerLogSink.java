package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.log.BufferedLogSink;
import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;
import java.io.PrintStream;

/**
 * The engine's log port on a build log. Lines arrive already masked by the engine's {@code BuildLog}.
 *
 * <p>A step's logger is a {@code PrintStream} straight onto the log file (workflow-api's file storage
 * under core's {@code StreamTaskListener}): every {@code println} is one write to the file. Lines are
 * therefore handed on in blocks through a {@link BufferedLogSink}, at most 50 ms late, so a tool that
 * prints a long log costs a write per block, not per line. {@link #close()} writes what is left; the
 * step calls it before it prints anything else, so the order of the log is kept.
 */
public final class TaskListenerLogSink implements LogSink, AutoCloseable {
    private final BufferedLogSink buffer;

    /** @param listener the build log to print to */
    public TaskListenerLogSink(TaskListener listener) {
        this.buffer = new BufferedLogSink(lines -> {
            // One build log is shared by parallel branches: each block of whole lines is written at once.
            synchronized (listener) {
                PrintStream logger = listener.getLogger();
                logger.print(lines);
                logger.flush();
            }
        });
    }

    @Override
    public void println(String line) {
        buffer.println(line);
    }

    /** Writes the lines not written yet, e.g. before something else writes to the same log. */
    public void flush() {
        buffer.flush();
    }

    /** Writes the lines not written yet; later lines are written at once. */
    @Override
    public void close() {
        buffer.close();
    }
}
