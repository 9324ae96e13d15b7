package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;

/** The engine's log port on a build log. Lines arrive already masked by the engine's {@code BuildLog}. */
public final class TaskListenerLogSink implements LogSink {
    private final TaskListener listener;

    /** @param listener the build log to print to */
    public TaskListenerLogSink(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void println(String line) {
        // One build log is shared by parallel branches: keep each line whole.
        synchronized (listener) {
            listener.getLogger().println(line);
        }
    }
}
