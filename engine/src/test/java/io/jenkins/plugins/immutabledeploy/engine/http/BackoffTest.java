package io.jenkins.plugins.immutabledeploy.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfADoublingCeiling() {
        assertThat(backoff.withRandom(() -> 0).delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.withRandom(() -> 0.999_999_999).delay(0)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.withRandom(() -> 0.5).delay(1)).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.withRandom(() -> 0.5).delay(3)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void theCeilingStopsAtTheMaximumHoweverManyRetries() {
        assertThat(backoff.withRandom(() -> 0).delay(5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.withRandom(() -> 0).delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theRealJitterSpreadsClientsThatFailedTogether() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Duration d = backoff.delay(2);
            assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            waits.add(d);
        }
        assertThat(waits).hasSizeGreaterThan(1);
    }

    @Test
    void durationsOutOfRangeNameTheirField() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("initialBackoff: must be positive, was PT0S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("maxBackoff: must be at least the initial backoff PT2S, was PT1S");
    }
}
