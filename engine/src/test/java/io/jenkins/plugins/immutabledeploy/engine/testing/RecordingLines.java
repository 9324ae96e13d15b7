package io.jenkins.plugins.immutabledeploy.engine.testing;

import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;
import io.jenkins.plugins.immutabledeploy.engine.process.LineHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects lines (from a child's output or a log) as they arrive and lets a test wait for one,
 * so tests synchronise on what a real child printed instead of sleeping.
 */
public final class RecordingLines implements LineHandler, LogSink {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void line(String line) {
        add(line);
    }

    @Override
    public void println(String line) {
        add(line);
    }

    private void add(String line) {
        lines.add(line);
        synchronized (this) {
            notifyAll();
        }
    }

    /** @return the lines so far */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return all lines so far, joined with newlines (to search for text that must not appear) */
    public String text() {
        return String.join("\n", lines);
    }

    /**
     * Waits until a line equal to {@code expected} has arrived.
     *
     * @param expected the line
     * @param max how long to wait
     * @throws AssertionError when it did not arrive in time
     */
    public void await(String expected, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            while (!lines.contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the line '" + expected + "' did not arrive within " + max + "; got " + lines);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
