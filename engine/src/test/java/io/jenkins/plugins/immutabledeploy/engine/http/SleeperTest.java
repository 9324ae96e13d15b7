package io.jenkins.plugins.immutabledeploy.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SleeperTest {
    @Test
    void aCancelEndsALongWaitAtOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        long start = System.nanoTime();
        CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> {
            try {
                Sleeper.until(cancellation).sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(wait).isNotDone();

        cancellation.cancel();
        wait.get(1, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_200);
    }

    @Test
    void withoutACancelTheWholeTimeIsWaited() throws Exception {
        long start = System.nanoTime();
        Sleeper.until(Cancellation.none()).sleep(Duration.ofMillis(150));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
    }

    @Test
    void anAlreadyCancelledRunDoesNotWaitAtAll() throws Exception {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        long start = System.nanoTime();
        Sleeper.until(cancelled).sleep(Duration.ofHours(1));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
    }
}
