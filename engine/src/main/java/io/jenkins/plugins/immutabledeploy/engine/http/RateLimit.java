package io.jenkins.plugins.immutabledeploy.engine.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Headers;

/**
 * What an answer says about the rate limit: the time before which the next request should not go,
 * and the header that said so. One reader for every API the engine calls:
 *
 * <ul>
 *   <li>{@code Retry-After}, in seconds or as an HTTP date, on a 429, 403 or 503 (DigitalOcean,
 *       GitHub's secondary rate limit, any HTTP server);</li>
 *   <li>{@code RateLimit-Reset} or {@code X-RateLimit-Reset} (so also GitHub's {@code x-ratelimit-reset}),
 *       on a 429 or when {@code RateLimit-Remaining}/{@code X-RateLimit-Remaining} is 0. The value is
 *       the epoch second the quota refills (DigitalOcean, GitHub); a value below
 *       {@value #DELTA_BELOW} is read as seconds from now (the IETF RateLimit fields).</li>
 * </ul>
 *
 * <p>The time may already be past (a slow answer, a skewed clock): callers then wait a backoff
 * instead ({@link #positiveWait(Instant)} is empty).
 *
 * @param until when the next request may go
 * @param header the header that said so, for the log
 */
public record RateLimit(Instant until, String header) {
    /**
     * How long a run waits for a rate limit by default before it gives up and says when to try
     * again: long enough for DigitalOcean's and GitHub's short windows, short enough that nobody
     * wonders whether the run hangs.
     */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);

    /** Reset values below this are seconds from now, not epoch seconds (which passed it in 2001). */
    public static final long DELTA_BELOW = 1_000_000_000L;

    /** Checks the values. */
    public RateLimit {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(header, "header");
    }

    /**
     * Reads an answer's rate-limit headers.
     *
     * @param status the HTTP status
     * @param headers the answer's headers
     * @param now the current time
     * @return when the next request may go, or empty when the answer says nothing of a limit reached
     */
    public static Optional<RateLimit> read(int status, Headers headers, Instant now) {
        if (status == 429 || status == 403 || status == 503) {
            Optional<Instant> retryAfter = retryAfter(headers.get("Retry-After"), now);
            if (retryAfter.isPresent()) {
                return Optional.of(new RateLimit(retryAfter.get(), "Retry-After"));
            }
        }
        boolean exhausted = "0".equals(trim(headers.get("RateLimit-Remaining")))
                || "0".equals(trim(headers.get("X-RateLimit-Remaining")));
        if (status != 429 && !exhausted) {
            return Optional.empty();
        }
        for (String name : new String[] {"RateLimit-Reset", "X-RateLimit-Reset"}) {
            Optional<Instant> reset = reset(headers.get(name), now);
            if (reset.isPresent()) {
                return Optional.of(new RateLimit(reset.get(), name));
            }
        }
        return Optional.empty();
    }

    /**
     * @param now the current time
     * @return how long until {@link #until()}, or empty when that is not in the future
     */
    public Optional<Duration> positiveWait(Instant now) {
        Duration d = Duration.between(now, until);
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }

    private static Optional<Instant> retryAfter(String value, Instant now) {
        String v = trim(value);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(now.plusSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Instant> reset(String value, Instant now) {
        String v = trim(value);
        if (v == null) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                return Optional.empty();
            }
            return Optional.of(n < DELTA_BELOW ? now.plusSeconds(n) : Instant.ofEpochSecond(n));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
