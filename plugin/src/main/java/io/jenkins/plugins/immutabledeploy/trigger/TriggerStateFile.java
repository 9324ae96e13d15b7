package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.Job;
import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.github.PollState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A job's release-trigger state ({@link PollState}) in the job's folder: what polling has seen and
 * which releases started the job. Read and written whole, always under {@link #lock}, so webhook
 * deliveries and polls of one job, even by two trigger objects while a reconfiguration replaces
 * one, see each other's writes; written atomically, so a crash leaves the previous state, not half
 * of one.
 */
final class TriggerStateFile {
    private static final Logger LOGGER = Logger.getLogger(GitHubReleaseTrigger.class.getName());

    /** The file's name in the job's folder. */
    static final String NAME = "github-release-poll-state.txt";

    /** Striped by folder: a fixed number of locks however many jobs come and go. */
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private TriggerStateFile() {}

    /**
     * @param job the job
     * @return the lock to hold while reading, deciding on and writing the job's state
     */
    static Object lock(Job<?, ?> job) {
        return LOCKS[Math.floorMod(path(job).hashCode(), LOCKS.length)];
    }

    /**
     * @param job the job
     * @return the file in the job's folder
     */
    static Path path(Job<?, ?> job) {
        return job.getRootDir().toPath().resolve(NAME);
    }

    /**
     * The state the job's folder holds. Without it, the first poll after a restart would only take stock again (a
     * release published while Jenkins was down would never start the job), and a redelivery would start a release
     * again.
     *
     * @param job the job
     * @return the saved state; the initial one when there is none or it cannot be read (logged)
     */
    static PollState read(Job<?, ?> job) {
        Path file = path(job);
        try {
            return Files.exists(file) ? PollState.decode(Files.readString(file, StandardCharsets.UTF_8)) : PollState.INITIAL;
        } catch (IOException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "GitHub release trigger of " + job.getFullName() + ": could not read " + file
                    + " (" + e.getMessage() + "); taking stock of the existing releases again");
            return PollState.INITIAL;
        }
    }

    /**
     * @param job the job
     * @param state the state to keep; a failure to write is logged and the state is lost at the next read
     */
    static void write(Job<?, ?> job, PollState state) {
        Path file = path(job);
        try {
            AtomicWrite.writeString(file, state.encode());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "GitHub release trigger of " + job.getFullName() + ": could not save " + file
                    + " (" + e.getMessage() + "); a release it started may start the job again when redelivered");
        }
    }
}
