package io.jenkins.plugins.immutabledeploy.engine.process;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Runs one child process to its end through a {@link ProcessLauncher}: streams its output line by
 * line as it arrives, refuses secrets on the command line, and stops it the way Packer and
 * Terraform expect to be stopped when the run is cancelled or times out: SIGINT, a grace period
 * for them to clean up (destroy a build machine, release a state lock), then a kill of the whole
 * process tree.
 */
public final class ProcessRunner {
    /** How long a cancelled tool gets to clean up before it is killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration AFTER_KILL = Duration.ofSeconds(30);
    private static final Duration EXIT_POLL = Duration.ofMillis(20);

    private final ProcessLauncher launcher;
    private final BuildLog log;
    private final Duration grace;

    /**
     * @param launcher starts the processes
     * @param log the run's log; its secrets are the ones refused on command lines
     */
    public ProcessRunner(ProcessLauncher launcher, BuildLog log) {
        this(launcher, log, DEFAULT_GRACE);
    }

    /**
     * @param launcher starts the processes
     * @param log the run's log; its secrets are the ones refused on command lines
     * @param grace how long a cancelled process gets between SIGINT and the kill
     */
    public ProcessRunner(ProcessLauncher launcher, BuildLog log, Duration grace) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.log = Objects.requireNonNull(log, "log");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
    }

    /** @return the log this runner writes to */
    public BuildLog log() {
        return log;
    }

    /** @return the grace period between SIGINT and kill */
    public Duration grace() {
        return grace;
    }

    /**
     * Runs a process; standard error lines are printed to the log.
     *
     * @param request what to run
     * @param stdout receives each standard output line
     * @param cancellation stops the process when cancelled
     * @return how it ended
     */
    public ProcessResult run(ProcessRequest request, LineHandler stdout, Cancellation cancellation) {
        return run(request, stdout, LineHandler.log(log), cancellation, null);
    }

    /**
     * Runs a process.
     *
     * @param request what to run
     * @param stdout receives each standard output line, unmasked, as it arrives
     * @param stderr receives each standard error line, unmasked, as it arrives
     * @param cancellation stops the process when cancelled
     * @param timeout stops the process when it runs longer; null for no limit
     * @return how it ended; a non-zero exit code is returned, not thrown
     * @throws ToolNotFoundException when the executable does not exist
     * @throws EngineException when a secret is on the command line, or the process cannot be started
     */
    public ProcessResult run(ProcessRequest request, LineHandler stdout, LineHandler stderr,
            Cancellation cancellation, Duration timeout) {
        LineSplitter out = new LineSplitter(stdout, log.secrets());
        return run(request, out, stderr, cancellation, timeout);
    }

    /**
     * Runs a process whose standard output is not lines of text but one document, such as the JSON
     * of {@code tofu show -json}, which can be larger than any line is kept whole: its bytes are
     * written to {@code stdout} as they arrive, unmasked and never logged, and {@code stdout} is
     * closed when the process has ended (also when it was stopped).
     *
     * @param request what to run
     * @param stdout receives the standard output's bytes; it must not block for long, nor throw
     *     (a {@link StreamReader} does neither)
     * @param stderr receives each standard error line, unmasked, as it arrives
     * @param cancellation stops the process when cancelled
     * @param timeout stops the process when it runs longer; null for no limit
     * @return how it ended; a non-zero exit code is returned, not thrown
     * @throws ToolNotFoundException when the executable does not exist
     * @throws EngineException when a secret is on the command line, or the process cannot be started
     */
    public ProcessResult run(ProcessRequest request, OutputStream stdout, LineHandler stderr,
            Cancellation cancellation, Duration timeout) {
        try {
            refuseSecretsInArguments(request);
        } catch (RuntimeException e) {
            closeQuietly(stdout);
            throw e;
        }
        String tool = toolName(request.executable());
        long started = System.nanoTime();
        if (cancellation.isCancelled()) {
            closeQuietly(stdout);
            return new ProcessResult(130, Duration.ZERO, true, false, false);
        }
        OutputStream out = stdout;
        LineSplitter err = new LineSplitter(stderr, log.secrets());
        ProcessLauncher.Running process;
        try {
            process = launcher.start(request, out, err);
        } catch (NoSuchFileException e) {
            closeQuietly(out);
            String where = request.executable().contains("/") ? request.executable() : request.executable() + " on PATH";
            throw new ToolNotFoundException(tool, List.of(where), installHint(tool));
        } catch (IOException e) {
            closeQuietly(out);
            throw new EngineException(log.secrets().mask("Could not start " + tool + ": " + e.getMessage()), e);
        }
        boolean[] stopRequested = {false};
        boolean timedOut = false;
        boolean killed = false;
        OptionalInt exit;
        try (Cancellation.Registration registration = cancellation.onCancel(() -> stopRequested[0] = true)) {
            long deadline = timeout == null ? Long.MAX_VALUE : started + timeout.toNanos();
            boolean interrupted = false;
            while (true) {
                try {
                    exit = process.waitFor(POLL);
                } catch (InterruptedException e) {
                    interrupted = true;
                    exit = OptionalInt.empty();
                }
                if (exit.isPresent()) {
                    break;
                }
                if (interrupted || stopRequested[0] || cancellation.isCancelled()) {
                    stopRequested[0] = true;
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                    break;
                }
            }
            if (exit.isEmpty()) {
                log.warn((timedOut ? tool + " ran longer than " + Durations.format(timeout) : "Cancelled")
                        + ": interrupting " + tool + " (SIGINT) and waiting up to " + Durations.format(grace)
                        + " for it to clean up");
                signal(process, false);
                if (!awaitExit(process, grace)) {
                    log.warn(tool + " did not stop within " + Durations.format(grace)
                            + "; killing it and every process it started");
                    killed = true;
                }
                // Also when the tool stopped by itself: a process it started in the background may
                // not have (one that ignores SIGINT), and it would hold the output pipes open.
                // Nothing of a stopped run may outlive it.
                signal(process, true);
                exit = waitUninterruptibly(process, AFTER_KILL);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } finally {
            closeQuietly(out);
            err.close();
        }
        if (out instanceof LineSplitter lines) {
            reportHandlerFailure(tool, "output", lines);
        }
        reportHandlerFailure(tool, "error output", err);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new ProcessResult(exit.orElse(137), took, stopRequested[0] && !timedOut, timedOut, killed);
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // the caller's stream: what it makes of the end is its own business
        }
    }

    private void reportHandlerFailure(String tool, String stream, LineSplitter lines) {
        RuntimeException e = lines.failure();
        if (e != null) {
            log.warn("Could not process " + lines.failedLines() + " line(s) of " + tool + "'s " + stream
                    + "; the other lines were handled. The first failed with: " + e);
        }
    }

    private void signal(ProcessLauncher.Running process, boolean kill) {
        try {
            if (kill) {
                process.kill();
            } else {
                process.interrupt();
            }
        } catch (IOException e) {
            log.warn("Could not " + (kill ? "kill" : "interrupt") + " the process: " + e.getMessage());
        }
    }

    /**
     * Waits until the process itself has ended, without waiting for its output to be drained
     * (a background process it left behind may hold the pipes open).
     *
     * @return whether it ended within {@code max}
     */
    private static boolean awaitExit(ProcessLauncher.Running process, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean interrupted = false;
        try {
            while (process.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    Thread.sleep(Math.max(1, Math.min(EXIT_POLL.toMillis(), left / 1_000_000)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static OptionalInt waitUninterruptibly(ProcessLauncher.Running process, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    return process.waitFor(Duration.ofNanos(Math.max(0, left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (deadline - System.nanoTime() <= 0) {
                        return OptionalInt.empty();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void refuseSecretsInArguments(ProcessRequest request) {
        List<String> cmd = request.command();
        for (int i = 0; i < cmd.size(); i++) {
            if (log.secrets().containsSecret(cmd.get(i))) {
                throw new EngineException("Refusing to start " + toolName(request.executable()) + ": argument " + i
                        + " (" + log.secrets().mask(cmd.get(i)) + ") contains a secret. Secrets are passed to tools"
                        + " only as environment variables (TF_VAR_*, PKR_VAR_*), never on the command line.");
            }
        }
    }

    /**
     * The short name of an executable path: {@code /opt/tools/tofu} gives {@code tofu}.
     *
     * @param executable a path or a name
     * @return the last path segment
     */
    public static String toolName(String executable) {
        int slash = Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\'));
        return executable.substring(slash + 1);
    }

    /**
     * One sentence that says how to install a tool.
     *
     * @param tool the tool's short name
     * @return the hint
     */
    public static String installHint(String tool) {
        return "Install " + tool + " on the machine that runs the build and put it on PATH, or give its path"
                + " explicitly.";
    }
}
