package io.jenkins.plugins.immutabledeploy.engine.log;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A log sink that hands lines on in blocks: a tool that prints a hundred thousand lines a second
 * then costs one write per block instead of one per line (a write to a terminal, a pipe or a build
 * log file is a system call). The log stays live: a line waits at most {@code maxDelay} before it
 * is written, however quiet the tool is afterwards, and {@link #flush()} and {@link #close()}
 * write everything at once. Lines are never cut: a block holds whole lines, and a line longer
 * than a block is written on its own.
 *
 * <p>Thread-safe; lines keep the order in which {@code println} was called. The timer is one
 * daemon thread shared by every sink of the JVM, idle while nothing waits.
 */
public final class BufferedLogSink implements LogSink, Flushable, AutoCloseable {
    /** How long a line may wait by default: well under what a person watching the log notices. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(50);
    /** How many characters are collected by default before they are written. */
    public static final int DEFAULT_BLOCK_CHARS = 32 * 1024;

    private static final ScheduledExecutorService TIMER = timer();

    private final Target target;
    private final long maxDelayNanos;
    private final int blockChars;
    private final StringBuilder block;
    private boolean scheduled;
    private boolean closed;

    /** Where the blocks of lines go. */
    @FunctionalInterface
    public interface Target {
        /**
         * Writes a block of whole lines, each ending in {@code \n}, and makes it visible (flushes
         * what the target itself buffers).
         *
         * @param lines the lines; valid only during the call
         * @throws IOException when it cannot be written (the lines are then dropped)
         */
        void write(CharSequence lines) throws IOException;

        /**
         * A target that encodes each block at once and writes it to a stream in one call: to a
         * file descriptor that is one system call per block.
         *
         * @param out the stream, flushed after every block
         * @param charset the encoding
         * @return the target
         */
        static Target of(OutputStream out, Charset charset) {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(charset, "charset");
            return lines -> {
                out.write(lines.toString().getBytes(charset));
                out.flush();
            };
        }
    }

    /**
     * A sink with the default delay and block size.
     *
     * @param target where the blocks go
     */
    public BufferedLogSink(Target target) {
        this(target, DEFAULT_MAX_DELAY, DEFAULT_BLOCK_CHARS);
    }

    /**
     * @param target where the blocks go
     * @param maxDelay the longest a line waits before it is written
     * @param blockChars how many characters are collected before they are written at once
     */
    public BufferedLogSink(Target target, Duration maxDelay, int blockChars) {
        this.target = Objects.requireNonNull(target, "target");
        if (maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maxDelay must be positive: " + maxDelay);
        }
        if (blockChars < 1) {
            throw new IllegalArgumentException("blockChars must be at least 1: " + blockChars);
        }
        this.maxDelayNanos = maxDelay.toNanos();
        this.blockChars = blockChars;
        this.block = new StringBuilder(Math.min(blockChars, 64 * 1024) + 256);
    }

    @Override
    public synchronized void println(String line) {
        if (block.length() + line.length() + 1 > blockChars) {
            writeBlock();
        }
        if (line.length() + 1 > blockChars) {
            // Too long for a block: written on its own rather than copied into one.
            write(line + '\n');
            return;
        }
        block.append(line).append('\n');
        if (closed) {
            writeBlock();
        } else if (!scheduled) {
            scheduled = true;
            TIMER.schedule(this::timeUp, maxDelayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void timeUp() {
        scheduled = false;
        writeBlock();
    }

    /** Writes the lines collected so far. */
    @Override
    public synchronized void flush() {
        writeBlock();
    }

    /**
     * Writes the lines collected so far; lines printed afterwards are written at once, so nothing
     * printed late (a cancel's last words) is lost. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        closed = true;
        writeBlock();
    }

    private void writeBlock() {
        if (block.length() > 0) {
            write(block);
            block.setLength(0);
        }
    }

    private void write(CharSequence lines) {
        try {
            target.write(lines);
        } catch (IOException | RuntimeException e) {
            // A log that cannot be written (a closed pipe, a full disk) must not fail the tool's
            // run, as PrintStream never fails its callers; the lines are lost either way.
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "immutable-deploy log flush");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
