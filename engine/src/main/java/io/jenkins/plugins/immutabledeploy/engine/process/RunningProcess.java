package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/** Port: a child process started by a {@link ProcessLauncher}. */
public interface RunningProcess {
    /**
     * Waits for the process to end and for all of its output to be delivered.
     *
     * @param timeout how long to wait at most
     * @return the exit code, or empty when it is still running after the timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    OptionalInt waitFor(Duration timeout) throws InterruptedException;

    /** @return whether the process is still running */
    boolean isAlive();

    /**
     * Interrupts the process as Ctrl-C in a terminal would: SIGINT to it and to its children.
     * Safe to call more than once and after the process has ended.
     *
     * @throws IOException when the signal cannot be sent
     */
    void interrupt() throws IOException;

    /**
     * Kills the process and every process it started. Safe to call more than once and after the
     * process has ended.
     *
     * @throws IOException when the processes cannot be killed
     */
    void kill() throws IOException;
}
