package io.jenkins.plugins.immutabledeploy.engine.process;

import java.time.Duration;

/**
 * How a child process ended. A non-zero exit code is a value, not an error: callers decide what
 * it means (Terraform's {@code plan -detailed-exitcode} returns 2 for "changes present").
 *
 * @param exitCode the exit code; for a process killed by a signal, 128 plus the signal number
 * @param duration how long it ran
 * @param cancelled whether it was stopped because the run was cancelled
 * @param timedOut whether it was stopped because its time ran out
 * @param killed whether it had to be killed after the grace period
 */
public record ProcessResult(int exitCode, Duration duration, boolean cancelled, boolean timedOut, boolean killed) {
    /** @return whether it exited 0 and was neither cancelled nor timed out */
    public boolean succeeded() {
        return exitCode == 0 && !cancelled && !timedOut;
    }

    /** @return whether it was stopped, by cancel or time-out */
    public boolean stopped() {
        return cancelled || timedOut;
    }
}
