package io.jenkins.plugins.immutabledeploy.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final Instant NOW = Instant.parse("2026-11-24T16:00:00Z");

    private static Optional<RateLimit> read(int status, String... namesAndValues) {
        return RateLimit.read(status, Headers.of(namesAndValues), NOW);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateSaysWhenToRetry() {
        assertThat(read(429, "Retry-After", "7")).contains(new RateLimit(NOW.plusSeconds(7), "Retry-After"));
        assertThat(read(503, "Retry-After", "Tue, 24 Nov 2026 16:00:30 GMT"))
                .contains(new RateLimit(NOW.plusSeconds(30), "Retry-After"));
        assertThat(read(403, "Retry-After", " 60 ")).get().extracting(RateLimit::until).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void retryAfterWinsOverTheResetHeaders() {
        assertThat(read(429, "Retry-After", "7", "RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 3600)))
                .get().extracting(RateLimit::header).isEqualTo("Retry-After");
    }

    @Test
    void anEpochSecondResetIsWhenTheQuotaRefillsAsDigitalOceanAndGitHubWriteIt() {
        long reset = NOW.plusSeconds(42).getEpochSecond();
        assertThat(read(429, "RateLimit-Reset", Long.toString(reset)))
                .contains(new RateLimit(NOW.plusSeconds(42), "RateLimit-Reset"));
        assertThat(read(403, "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)))
                .contains(new RateLimit(NOW.plusSeconds(42), "X-RateLimit-Reset"));
        assertThat(read(200, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)))
                .as("a 200 that used the last request says the next must wait").isPresent();
    }

    @Test
    void aSmallResetValueIsSecondsFromNow() {
        assertThat(read(429, "RateLimit-Reset", "30")).contains(new RateLimit(NOW.plusSeconds(30), "RateLimit-Reset"));
    }

    @Test
    void answersThatReachedNoLimitSayNothing() {
        long reset = NOW.plusSeconds(42).getEpochSecond();
        assertThat(read(200, "x-ratelimit-remaining", "4999", "x-ratelimit-reset", Long.toString(reset))).isEmpty();
        assertThat(read(403, "x-ratelimit-remaining", "12", "x-ratelimit-reset", Long.toString(reset)))
                .as("a 403 with quota left is a permission problem").isEmpty();
        assertThat(read(200, "Retry-After", "5")).as("Retry-After only counts on a refusal").isEmpty();
        assertThat(read(429)).isEmpty();
        assertThat(read(429, "Retry-After", "soon", "RateLimit-Reset", "-1")).isEmpty();
    }

    @Test
    void aResetInThePastHasNoPositiveWaitSoCallersBackOffInstead() {
        RateLimit past = read(429, "RateLimit-Reset", Long.toString(NOW.minusSeconds(90).getEpochSecond())).orElseThrow();
        assertThat(past.positiveWait(NOW)).isEmpty();
        assertThat(read(429, "Retry-After", "0").orElseThrow().positiveWait(NOW)).isEmpty();
        assertThat(read(429, "Retry-After", "3").orElseThrow().positiveWait(NOW)).contains(Duration.ofSeconds(3));
    }
}
