package io.jenkins.plugins.immutabledeploy.engine.testing;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Runs a call on another thread, cancels it once it is waiting (for a rate limit, a slow server)
 * and measures how soon it ends after the cancel.
 *
 * @param thrown what the call threw, or null when it returned
 * @param afterCancel from the cancel to the end of the call
 */
public record CancelDuringWait(Throwable thrown, Duration afterCancel) {
    /**
     * @param call the call
     * @param cancellation the signal the call listens to
     * @param waiting true once the call is waiting; checked every 20 ms for at most 10 s
     * @return what the call threw and how long it took to end after the cancel
     * @throws Exception when the call ended before it waited, never waited, or did not end within 5 s of the cancel
     */
    public static CancelDuringWait run(ThrowingCallable call, Cancellation cancellation, BooleanSupplier waiting)
            throws Exception {
        CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> Assertions.catchThrowable(call));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.isDone() && !waiting.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (f.isDone()) {
            throw new AssertionError("the call ended before it waited", f.get());
        }
        if (!waiting.getAsBoolean()) {
            throw new AssertionError("the call did not start waiting within 10 s");
        }
        long start = System.nanoTime();
        cancellation.cancel();
        Throwable thrown = f.get(5, TimeUnit.SECONDS);
        return new CancelDuringWait(thrown, Duration.ofNanos(System.nanoTime() - start));
    }
}
