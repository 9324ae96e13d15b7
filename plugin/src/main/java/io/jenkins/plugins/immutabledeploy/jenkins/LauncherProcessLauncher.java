package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicInteger;

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
 * same container and pid namespace as the tool. The pid file lives in the workspace's temporary folder
 * ({@link WorkspaceList#tempDir}, {@code <workspace>@tmp}), which container steps mount too, in a folder of the step
 * that started it, and is deleted when the process ends. After a controller restart the step finds its tools there
 * ({@link #stopLeftovers}). The tools run through {@code sh}: a Windows node is refused with a message that says so.
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
            + " exec setsid -w sh -c 'printf \"%s\\n%s\\n\" \"-$$\" \"$1\" > \"$0\" && exec \"$@\"' \"$@\"; fi;"
            + " printf \"%s\\n%s\\n\" $$ \"$2\" > \"$1\" && shift && exec \"$@\"";

    private final Launcher launcher;
    private final EnvVars environment;
    private final FilePath workspace;
    private final FilePath pidDirectory;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param launcher starts processes for the build
     * @param environment the build's environment (PATH, tool homes, {@code withEnv} values); each request's
     *     variables are added on top
     * @param workspace the default working directory
     */
    public LauncherProcessLauncher(Launcher launcher, EnvVars environment, FilePath workspace) {
        this(launcher, environment, workspace, UUID.randomUUID().toString());
    }

    /**
     * @param launcher starts processes for the build
     * @param environment the build's environment; each request's variables are added on top
     * @param workspace the default working directory
     * @param scope names the folder of this step's pid files ({@link #pidFolder}), e.g. the step's id
     */
    public LauncherProcessLauncher(Launcher launcher, EnvVars environment, FilePath workspace, String scope) {
        this.launcher = launcher;
        this.environment = new EnvVars(environment);
        this.workspace = workspace;
        this.pidDirectory = pidFolder(workspace, scope);
    }

    /**
     * @param workspace a build's workspace
     * @param scope the step's id
     * @return where the pid files of the tools that step starts are: in the workspace's temporary folder
     */
    static FilePath pidFolder(FilePath workspace, String scope) {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        return (tmp == null ? workspace : tmp).child("immutable-deploy").child(scope);
    }

    /** @return whether a tool this launcher started is still running: a cancel, not an interrupt, must stop it */
    boolean hasRunningTool() {
        return running.get() > 0;
    }

    /**
     * Refuses a node that is not Unix: the tools run through {@code sh} and are stopped with {@code kill}.
     *
     * @param launcher the build's launcher
     * @param node the node's name, for the message
     * @throws IOException saying the steps need a Linux or macOS agent
     */
    static void requireUnix(Launcher launcher, String node) throws IOException {
        if (!launcher.isUnix()) {
            throw new IOException(Messages.get("Launcher.notUnix", node));
        }
    }

    @Override
    public ProcessLauncher.Running start(ProcessRequest request, OutputStream stdout, OutputStream stderr)
            throws IOException {
        requireUnix(launcher, environment.get("NODE_NAME", "?"));
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
        running.incrementAndGet();
        try {
            return new LaunchedProcess(starter.start(), pidFile);
        } catch (IOException | RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
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
            running.decrementAndGet();
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
            // An abort may have interrupted this thread too: the signal must still go out (reading the pid file and
            // starting kill are calls to the agent, which an interrupted thread cannot make).
            boolean interrupted = Thread.interrupted();
            try {
                String pid = readPid();
                if (pid == null) {
                    return; // ended before it could record its pid, or never started: nothing to interrupt
                }
                signal(launcher, "INT", pid);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The pid (or -pgid) the wrapper recorded; it writes it at once, so wait only briefly for it. */
        private String readPid() throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (!exit.isDone()) {
                    if (pidFile.exists()) {
                        String pid = pidFile.readToString().trim().split("\n", -1)[0];
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
            boolean interrupted = Thread.interrupted();
            try {
                proc.kill();
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Sends a signal to a recorded id ({@code -pgid} or pid) on the build's machine.
     *
     * @return whether {@code kill} succeeded (for signal {@code 0}: whether the process or group still runs)
     */
    private static boolean signal(Launcher launcher, String signal, String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return launcher.launch().cmds("kill", "-s", signal, "--", id).stdout(out).stderr(out).quiet(true).join() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the tools a step had started when the controller restarted under it: for each pid file left in the step's
     * folder whose process still runs the recorded tool, SIGINT, up to {@code grace} for it to clean up (release a
     * state lock, destroy a build machine), then a kill, as a cancel does. The step's own thread is gone with the old
     * controller, so nothing else would ever stop them.
     *
     * @param grace how long each tool gets between SIGINT and the kill
     * @param log where to say what was done
     * @return how many tools were still running
     * @throws IOException when the machine cannot be reached
     * @throws InterruptedException when interrupted while waiting
     */
    int stopLeftovers(Duration grace, PrintStream log) throws IOException, InterruptedException {
        int stopped = 0;
        for (FilePath file : pidDirectory.list()) {
            String[] recorded = file.readToString().split("\n", -1);
            String id = recorded[0].trim();
            String tool = recorded.length > 1 ? recorded[1].trim() : "";
            if (id.matches("-?[0-9]+") && runs(launcher, id, tool)) {
                stopped++;
                String name = tool.substring(tool.lastIndexOf('/') + 1);
                log.println(Messages.get("Launcher.leftoverInterrupted", name, id, Durations.format(grace)));
                signal(launcher, "INT", id);
                long deadline = System.nanoTime() + grace.toNanos();
                while (signal(launcher, "0", id) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                if (signal(launcher, "0", id)) {
                    log.println(Messages.get("Launcher.leftoverKilled", name, Durations.format(grace)));
                    signal(launcher, "KILL", id);
                }
            }
            file.delete();
        }
        pidDirectory.deleteRecursive();
        return stopped;
    }

    /**
     * Whether the recorded process (or group) still runs the recorded tool: a pid file whose process ended while the
     * controller was down may name a pid used again since by something else, which must not get the signal.
     */
    private static boolean runs(Launcher launcher, String id, String tool) throws IOException, InterruptedException {
        if (!signal(launcher, "0", id)) {
            return false;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ps = launcher.launch().cmds("ps", "-o", "args=", "-p", id.replace("-", "")).stdout(out)
                .stderr(new ByteArrayOutputStream()).quiet(true).join();
        // Where ps cannot tell (busybox), the group or pid still running is taken as the tool's.
        return ps != 0 && out.size() == 0 || out.toString(StandardCharsets.UTF_8).contains(tool);
    }
}
