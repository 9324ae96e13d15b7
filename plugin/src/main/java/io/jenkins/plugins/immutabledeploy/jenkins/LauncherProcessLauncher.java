package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's process port on Jenkins' {@link Launcher}: commands run where the build runs (the
 * agent, or inside a {@code withDockerContainer} / {@code container} block, whose launcher decorates
 * this one), never on the controller unless the build does.
 *
 * <p>Jenkins' {@link Proc} offers only a hard kill and no pid, but Packer and Terraform must get
 * SIGINT first to clean up (destroy the build machine, release the state lock), and, as with Ctrl-C in
 * a terminal, so must the plugins and provisioners they start: Packer left alone with the signal does
 * not stop its provisioner. So each command is wrapped in a small {@code sh} script ({@link #WRAPPER})
 * that, where util-linux {@code setsid -w} exists, starts the tool as the leader of a new process
 * group and records {@code -<pgid>}; elsewhere (busybox, macOS) it records the tool's own pid. Either way
 * the shell {@code exec}s the tool, so the recorded id is the tool's. {@link ProcessLauncher.Running#interrupt()}
 * reads that file through {@link FilePath} (which works on a remote agent) and starts
 * {@code kill -s INT -- <id>} through the same launcher, so the signal is sent on the same machine, in the
 * same container and pid namespace as the tool. The pid file lives in the workspace's {@code @tmp}
 * folder, which container steps mount too, and is deleted when the process ends.
 * {@link ProcessLauncher.Running#kill()} is {@link Proc#kill()}, which kills the whole process tree (Jenkins finds
 * it by the build's environment cookie, whatever the process group).
  */
public final class LauncherProcessLauncher implements ProcessLauncher {
    /**
     * $1 is the pid file, the rest the command; $0 names the wrapper in sh's own messages. With {@code setsid -w}
     * the tool leads a new process group (-w waits and passes the exit code on, even when setsid has to fork);
     * {@code exec} keeps the recorded id the tool's.
     */
    static final String WRAPPER = "if setsid -w true >/dev/null 2>&1; then"
            + " exec setsid -w sh -c 'echo \"-$$\" > \"$0\" && exec \"$@\"' \"$@\"; fi;"
            + " echo $$ > \"$1\" && shift && exec \"$@\"";

    private final Launcher launcher;
    private final EnvVars environment;
    private final FilePath workspace;
    private final FilePath pidDirectory;

    /**
     * @param launcher starts processes for the build
     * @param environment the build's environment (PATH, tool homes, {@code withEnv} values); each request's
     *     variables are added on top
     * @param workspace the default working directory
     */
    public LauncherProcessLauncher(Launcher launcher, EnvVars environment, FilePath workspace) {
        this.launcher = launcher;
        this.environment = new EnvVars(environment);
        this.workspace = workspace;
        this.pidDirectory = workspace.sibling(workspace.getName() + "@tmp").child("immutable-deploy");
    }

    @Override
    public ProcessLauncher.Running start(ProcessRequest request, OutputStream stdout, OutputStream stderr)
            throws IOException {
        refuseMissingExecutable(request.executable());
        FilePath pidFile = pidDirectory.child(UUID.randomUUID() + ".pid");
        try {
            pidDirectory.mkdirs();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing " + pidDirectory, e);
        }
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", WRAPPER, "immutable-deploy", pidFile.getRemote()));
        cmd.addAll(request.command());
        EnvVars env = new EnvVars(environment);
        env.putAll(request.environment());
        Launcher.ProcStarter starter = launcher.launch()
                .cmds(cmd)
                .envs(env)
                .stdout(stdout)
                .stderr(stderr)
                .quiet(true)
                .pwd(request.workingDirectory() == null ? workspace : workspace.child(request.workingDirectory()));
        return new LaunchedProcess(starter.start(), pidFile);
    }

    /**
     * A path to a missing tool fails here, on the agent's file system, so the engine can say how to install it
     * (a bare name is looked up on the agent's PATH by the shell; exit code 127 reports it missing).
     */
    private void refuseMissingExecutable(String executable) throws IOException {
        if (!executable.contains("/")) {
            return;
        }
        try {
            if (!workspace.child(executable).exists()) {
                throw new NoSuchFileException(executable);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking for " + executable, e);
        }
    }

    private final class LaunchedProcess implements ProcessLauncher.Running {
        private final Proc proc;
        private final FilePath pidFile;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        LaunchedProcess(Proc proc, FilePath pidFile) {
            this.proc = proc;
            this.pidFile = pidFile;
            Thread t = new Thread(this::join, "immutable-deploy: waiting for " + pidFile.getName());
            t.setDaemon(true);
            t.start();
        }

        private void join() {
            int code = 0;
            Exception failure = null;
            try {
                code = proc.join();
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e;
            }
            // Gone before anyone waiting hears the tool ended, so no caller ever sees a pid file of an ended tool.
            try {
                pidFile.delete();
            } catch (IOException | InterruptedException e) {
                // best effort: the @tmp folder is the build's scratch space
            }
            if (failure == null) {
                exit.complete(code);
            } else {
                exit.completeExceptionally(failure);
            }
        }

        @Override
        public OptionalInt waitFor(Duration timeout) throws InterruptedException {
            try {
                return OptionalInt.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return OptionalInt.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("lost track of " + pidFile.getName() + ": " + e.getCause(), e.getCause());
            }
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public void interrupt() throws IOException {
            if (exit.isDone()) {
                return;
            }
            String pid = readPid();
            if (pid == null) {
                return; // ended before it could record its pid, or never started: nothing to interrupt
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                launcher.launch().cmds("kill", "-s", "INT", "--", pid).stdout(out).stderr(out).quiet(true).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The pid (or -pgid) the wrapper recorded; it writes it at once, so wait only briefly for it. */
        private String readPid() throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (!exit.isDone()) {
                    if (pidFile.exists()) {
                        String pid = pidFile.readToString().trim();
                        if (pid.matches("-?[0-9]+")) {
                            return pid;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public void kill() throws IOException {
            try {
                proc.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
