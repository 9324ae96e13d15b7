package io.jenkins.plugins.immutabledeploy.engine.http;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between attempts: for a rate limit to reset, or for a backoff to pass. The real one
 * ({@link #until(Cancellation)}) ends early when the run is cancelled, so a cancel never waits
 * for a rate limit; tests pass one that records the wait instead of spending it.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the given time, or less when the sleeper was made to end early.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * A sleeper on the real clock that returns as soon as the cancellation fires; the caller then
     * sees {@link Cancellation#isCancelled()} and stops.
     *
     * @param cancellation the run's cancel signal
     * @return the sleeper
     */
    static Sleeper until(Cancellation cancellation) {
        Objects.requireNonNull(cancellation, "cancellation");
        return duration -> {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            CountDownLatch cancelled = new CountDownLatch(1);
            try (Cancellation.Registration r = cancellation.onCancel(cancelled::countDown)) {
                cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        };
    }
}
