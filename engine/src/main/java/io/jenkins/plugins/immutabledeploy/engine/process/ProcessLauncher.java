package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.IOException;
import java.io.OutputStream;

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
    RunningProcess start(ProcessRequest request, OutputStream stdout, OutputStream stderr) throws IOException;
}
