package io.jenkins.plugins.immutabledeploy.engine.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: retry {@code n} (from 0) waits a random time between half and
 * all of {@code initial * 2^n}, capped at {@code max}. The jitter keeps many clients that failed
 * together from retrying together. Used after server errors and broken connections, and after a
 * rate-limited answer that names no future time to wait for (no header, or a reset already past).
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    private Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * @param initial the first wait, before jitter; positive
     * @param max the longest wait; at least {@code initial}
     * @return the backoff
     * @throws IllegalArgumentException when a duration is out of range
     */
    public static Backoff exponential(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initialBackoff: must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maxBackoff: must be at least the initial backoff " + initial + ", was " + max);
        }
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random values in {@code [0, 1)} that choose where in its range each wait falls
     * @return a backoff with the same durations and this source of jitter
     */
    public Backoff withRandom(DoubleSupplier random) {
        return new Backoff(initial, max, Objects.requireNonNull(random, "random"));
    }

    /**
     * @param retry which retry this is, from 0
     * @return how long to wait before it: between half and all of {@code min(max, initial * 2^retry)}
     */
    public Duration delay(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry: must be zero or more, was " + retry);
        }
        long ceiling = initial.toNanos();
        for (int i = 0; i < retry && ceiling < max.toNanos(); i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        ceiling = Math.min(ceiling, max.toNanos());
        double r = Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofNanos(ceiling / 2 + (long) (ceiling / 2 * r));
    }

    @Override
    public String toString() {
        return "Backoff[initial=" + initial + ", max=" + max + "]";
    }
}
