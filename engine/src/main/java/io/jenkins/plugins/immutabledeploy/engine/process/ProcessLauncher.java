package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Port: starts child processes. The command line runs on ProcessBuilder for the CLI and tests,
 * and on Jenkins' {@code Launcher} in the plugin, so commands run on the build agent.
 */
public interface ProcessLauncher {
    /**
     * Starts a process. Its standard output and standard error are written to the given streams as
     * they arrive; its standard input is empty.
     *
     * @param request what to run
     * @param stdout receives the child's standard output bytes
     * @param stderr receives the child's standard error bytes
     * @return a handle on the running process
     * @throws java.nio.file.NoSuchFileException when the executable cannot be found
     * @throws IOException when the process cannot be started
     */
    Running start(ProcessRequest request, OutputStream stdout, OutputStream stderr) throws IOException;

    /** A child process this launcher started. */
    interface Running {
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
}
