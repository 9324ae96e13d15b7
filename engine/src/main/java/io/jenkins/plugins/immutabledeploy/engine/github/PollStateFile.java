package io.jenkins.plugins.immutabledeploy.engine.github;

import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A job's {@link PollState} in a file: what polling has seen and which releases started the job. Read and written
 * whole, always under {@link #lock()}, so webhook deliveries and polls of one job, even through two objects while a
 * reconfiguration replaces one, see each other's writes; written atomically, so a crash leaves the previous state, not
 * half of one.
 */
public final class PollStateFile {
    /** Striped by file: a fixed number of locks however many jobs come and go. */
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final Path file;
    private final BuildLog log;

    /**
     * @param file where the state is kept; its folder must exist
     * @param log where a file that cannot be read or written is reported
     */
    public PollStateFile(Path file, BuildLog log) {
        this.file = Objects.requireNonNull(file, "file");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** @return the file */
    public Path path() {
        return file;
    }

    /**
     * @return the lock to hold while reading, deciding on and writing the state: the same for every object of the
     *     same file
     */
    public Object lock() {
        return LOCKS[Math.floorMod(file.toAbsolutePath().normalize().hashCode(), LOCKS.length)];
    }

    /**
     * The state the file holds. Without it, the first poll after a restart would only take stock again (a release
     * published meanwhile would never start the job), and a redelivery would start a release again.
     *
     * @return the saved state; {@link PollState#INITIAL} when there is none or it cannot be read (logged)
     */
    public PollState read() {
        try {
            return Files.exists(file) ? PollState.decode(Files.readString(file, StandardCharsets.UTF_8))
                    : PollState.INITIAL;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("GitHub release trigger: could not read " + file + " (" + e.getMessage()
                    + "); taking stock of the existing releases again");
            return PollState.INITIAL;
        }
    }

    /**
     * @param state the state to keep; a failure to write is logged, and the state is lost at the next read
     */
    public void write(PollState state) {
        try {
            AtomicWrite.writeString(file, state.encode());
        } catch (IOException e) {
            log.warn("GitHub release trigger: could not save " + file + " (" + e.getMessage()
                    + "); a release it started may start the job again when redelivered");
        }
    }

    /**
     * Reads, changes and writes the state under the lock; writes nothing when the change changed nothing.
     *
     * @param change the new state from the current one
     */
    public void update(UnaryOperator<PollState> change) {
        synchronized (lock()) {
            PollState now = read();
            PollState next = change.apply(now);
            if (!next.equals(now)) {
                write(next);
            }
        }
    }
}
