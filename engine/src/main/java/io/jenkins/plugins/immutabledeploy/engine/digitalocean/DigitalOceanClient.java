package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.http.Backoff;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.http.PageGuard;
import io.jenkins.plugins.immutabledeploy.engine.http.RateLimit;
import io.jenkins.plugins.immutabledeploy.engine.http.Sleeper;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The part of the DigitalOcean API that the image lifecycle needs: check a token, list snapshots
 * and private images, get and delete them.
 *
 * <p>Rate limits (429) are waited out as {@code Retry-After} or {@code RateLimit-Reset} say
 * ({@link RateLimit}), for at most {@link Builder#maxRateLimitWait}; a 429 that names no future
 * time waits a backoff instead. Server errors (5xx) and broken connections are retried a bounded
 * number of times with exponential backoff and jitter ({@link Backoff}); every other refusal
 * becomes a {@link DigitalOceanException} carrying DigitalOcean's error {@code id} and
 * {@code message}. Listings are followed page by page under a {@link PageGuard}, and an image
 * listed twice (offset pages shift when an image is made while they are read) is counted once.
 * A cancel ({@link Builder#cancellation}) ends a wait, a request under way and a listing at once.
 * The token travels only in the {@code Authorization} header: it is never logged and every
 * message is masked with it (and with the log's other secrets) before it is cut.
 *
 * <p>Instances are immutable and thread-safe. Build one with {@link #builder()}.
 */
public final class DigitalOceanClient {
    /** The public API. */
    public static final String DEFAULT_BASE_URL = "https://api.digitalocean.com";
    /** The largest page DigitalOcean serves. */
    static final int PER_PAGE = 200;
    /** The last resort against a listing that never ends; {@link PageGuard} stops a broken one much sooner. */
    private static final int MAX_PAGES = 10_000;
    /** The longest wait between retries after a server error or a rate limit without a usable time. */
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** The most of an error body or a non-JSON answer quoted in a message. */
    static final int EXCERPT = 200;

    private final HttpUrl baseUrl;
    private final String token;
    private final String tokenSource;
    private final OkHttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final int maxRetries;
    private final int maxRateLimitRetries;
    private final Backoff backoff;
    private final Duration maxRateLimitWait;
    private final BuildLog log;
    private final SecretMasker masker;
    private final Cancellation cancellation;

    private DigitalOceanClient(Builder b) {
        if (b.token == null || b.token.isBlank()) {
            throw new IllegalArgumentException("token: a DigitalOcean API token is required");
        }
        if (b.tokenSource == null || b.tokenSource.isBlank()) {
            throw new IllegalArgumentException("tokenSource: say where the token came from (a credentials id or an "
                    + "environment variable name), so a rejected token can be traced without printing it");
        }
        HttpUrl parsed = HttpUrl.parse(b.baseUrl == null ? DEFAULT_BASE_URL : b.baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("baseUrl: '" + b.baseUrl + "' is not an http(s) URL; use e.g. "
                    + DEFAULT_BASE_URL);
        }
        if (b.maxRetries < 0 || b.maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRetries: must be zero or more");
        }
        this.baseUrl = parsed;
        this.token = b.token;
        this.tokenSource = b.tokenSource;
        // DigitalOcean's listings can be slow to start: longer read and call limits than the base's.
        this.http = (b.http == null ? HttpClients.shared() : b.http).newBuilder()
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        this.cancellation = b.cancellation == null ? Cancellation.none() : b.cancellation;
        this.sleeper = b.sleeper == null ? Sleeper.until(cancellation) : b.sleeper;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.maxRetries = b.maxRetries;
        this.maxRateLimitRetries = b.maxRateLimitRetries;
        Objects.requireNonNull(b.initialBackoff, "initialBackoff");
        this.backoff = Backoff.exponential(b.initialBackoff, MAX_BACKOFF.compareTo(b.initialBackoff) < 0
                ? b.initialBackoff : MAX_BACKOFF);
        this.maxRateLimitWait = Objects.requireNonNull(b.maxRateLimitWait, "maxRateLimitWait");
        this.log = b.log;
        this.masker = (b.log == null ? new SecretMasker() : b.log.secrets()).add(token);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the API's base URL */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /**
     * Checks the token with {@code GET /v2/account} before any real work.
     *
     * @return the account's status, e.g. {@code active}
     * @throws DigitalOceanException "the DigitalOcean token in credential X was rejected" on 401,
     *     or DigitalOcean's error for anything else
     */
    public String checkToken() {
        JsonNode body = send("GET", url("v2/account"));
        return body.path("account").path("status").asText("");
    }

    /**
     * Lists every Droplet snapshot ({@code /v2/snapshots?resource_type=droplet}), following pagination.
     *
     * @return the snapshots, in the order DigitalOcean lists them
     */
    public List<Snapshot> listSnapshots() {
        return listAll(url("v2/snapshots").newBuilder().addQueryParameter("resource_type", "droplet"), "snapshots");
    }

    /**
     * Lists every private image ({@code /v2/images?private=true}): snapshots, backups and custom
     * images. Ids are the same as in {@link #listSnapshots()}.
     *
     * @return the images, in the order DigitalOcean lists them
     */
    public List<Snapshot> listPrivateImages() {
        return listAll(url("v2/images").newBuilder().addQueryParameter("private", "true"), "images");
    }

    /**
     * Gets one image by id.
     *
     * @param id the image id
     * @return the image, or empty when DigitalOcean does not know it (404)
     */
    public Optional<Snapshot> getImage(String id) {
        try {
            return Optional.of(Snapshot.fromJson(send("GET", url("v2/images/" + requireId(id))).path("image")));
        } catch (DigitalOceanException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Deletes an image with {@code DELETE /v2/images/{id}}.
     *
     * @param id the image id
     */
    public void deleteImage(String id) {
        send("DELETE", url("v2/images/" + requireId(id)));
    }

    /**
     * Deletes a snapshot with {@code DELETE /v2/snapshots/{id}}.
     *
     * @param id the snapshot id
     */
    public void deleteSnapshot(String id) {
        send("DELETE", url("v2/snapshots/" + requireId(id)));
    }

    /**
     * Finds the snapshot with exactly this name. Names are not unique on DigitalOcean; when several
     * snapshots share one, the newest wins, because that is the one the latest bake made (taking the
     * first listed, as some tools do, deploys the oldest).
     *
     * @param name the exact snapshot name
     * @return the newest snapshot of that name, or empty
     */
    public Optional<Snapshot> resolveByName(String name) {
        return newestNamed(listSnapshots(), name);
    }

    /**
     * Picks the newest snapshot with exactly the given name.
     *
     * @param snapshots the candidates
     * @param name the name
     * @return the newest match (ties broken by the larger numeric id), or empty
     */
    public static Optional<Snapshot> newestNamed(List<Snapshot> snapshots, String name) {
        Objects.requireNonNull(name, "name");
        return snapshots.stream().filter(s -> s.name().equals(name)).max(NEWEST_LAST);
    }

    /** Orders snapshots oldest first; equal times fall back to the id, which DigitalOcean hands out in order. */
    static final Comparator<Snapshot> NEWEST_LAST = Comparator.comparing(Snapshot::createdAt)
            .thenComparing(s -> s.id().length())
            .thenComparing(Snapshot::id);

    private List<Snapshot> listAll(HttpUrl.Builder first, String arrayKey) {
        HttpUrl next = first.addQueryParameter("per_page", Integer.toString(PER_PAGE)).build();
        PageGuard guard = new PageGuard(baseUrl, "DigitalOcean's " + arrayKey, MAX_PAGES, PageGuard.Foreign.REBASE);
        // By id: offset pages shift when an image is made or deleted while they are read, so one
        // image can be listed twice; counted twice, a prune would keep it and delete it.
        Map<String, Snapshot> byId = new LinkedHashMap<>();
        while (next != null) {
            JsonNode body;
            try {
                guard.request(next);
                body = send("GET", next);
                JsonNode items = body.path(arrayKey);
                for (JsonNode n : items) {
                    Snapshot s = read(n);
                    if (byId.putIfAbsent(s.id(), s) != null) {
                        info("DigitalOcean listed " + arrayKey + " " + s.id() + " twice (the pages shifted while they "
                                + "were read); counted once");
                    }
                }
                JsonNode total = body.path("meta").path("total");
                next = guard.next(body.path("links").path("pages").path("next").asText(""), items.size(), byId.size(),
                        total.canConvertToLong() ? total.asLong() : -1);
            } catch (PageGuard.Stopped e) {
                throw new DigitalOceanException(mask(e.getMessage() + " (is --api-url pointing at the DigitalOcean API?)"), 0, null, e);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private Snapshot read(JsonNode n) {
        try {
            return Snapshot.fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new DigitalOceanException(masker.maskThenCut("DigitalOcean listed an image this client cannot read: "
                    + e.getMessage(), 2 * EXCERPT), 200, null, e);
        }
    }

    private HttpUrl url(String relative) {
        String base = baseUrl.toString();
        HttpUrl u = HttpUrl.parse((base.endsWith("/") ? base : base + "/") + relative);
        if (u == null) {
            throw new IllegalArgumentException("baseUrl: cannot build a request URL from " + base);
        }
        return u;
    }

    private static String requireId(String id) {
        if (id == null || !id.matches("[0-9A-Za-z_-]+")) {
            throw new IllegalArgumentException("id: '" + id + "' is not a DigitalOcean image id (digits, e.g. 6372321)");
        }
        return id;
    }

    /** Sends one request with the retry policy; returns the parsed body (an empty object for 204). */
    private JsonNode send(String method, HttpUrl url) {
        String what = method + " " + url.encodedPath();
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            checkCancelled(what);
            Request request = new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .method(method, null)
                    .build();
            String problem;
            try (Response response = HttpClients.execute(http, request, cancellation)) {
                int code = response.code();
                String body = response.body().string();
                if (code >= 200 && code < 300) {
                    return parse(what, body);
                }
                ApiError error = ApiError.of(code, body, masker);
                if (code == 404 && "DELETE".equals(method) && failures > 0) {
                    // An earlier attempt's failure may have hidden a delete that went through.
                    info("DigitalOcean " + what + " answered 404 after a retry: the earlier attempt deleted it");
                    return Json.MAPPER.createObjectNode();
                }
                if (code == 401) {
                    throw new DigitalOceanException(mask("the DigitalOcean token in credential " + tokenSource
                            + " was rejected (" + what + ": " + error + "); check that the token is current and "
                            + "was copied whole, and that it has read and write scope"), code, error.id, null);
                }
                if (code == 429) {
                    if (rateLimited >= maxRateLimitRetries) {
                        throw new DigitalOceanException(mask("DigitalOcean's rate limit stopped " + what + " "
                                + (rateLimited + 1) + " times in a row (" + error + "); try again later"),
                                code, error.id, null);
                    }
                    Instant now = clock.instant();
                    Optional<RateLimit> limit = RateLimit.read(code, response.headers(), now);
                    Optional<Duration> told = limit.flatMap(l -> l.positiveWait(now));
                    // No header, or a reset already past (a slow answer, a skewed clock): back off
                    // instead of retrying at once.
                    int retry = rateLimited++;
                    Duration wait = told.orElseGet(() -> backoff.delay(retry));
                    if (wait.compareTo(maxRateLimitWait) > 0) {
                        throw new DigitalOceanException(mask("DigitalOcean's rate limit stopped " + what + " and "
                                + "resets in " + wait.toSeconds() + "s, longer than the " + maxRateLimitWait.toSeconds()
                                + "s this run waits; try again later"), code, error.id, null);
                    }
                    info("DigitalOcean rate limit reached on " + what + "; waiting " + wait.toMillis() + " ms "
                            + (told.isPresent() ? "as its " + limit.get().header() + " header says"
                                    : "(backoff: " + (limit.isPresent() ? "its " + limit.get().header() + " time has passed"
                                            : "no rate-limit header") + ")")
                            + ", at most " + maxRateLimitWait.toSeconds() + "s, then retrying");
                    pause(wait, what);
                    continue;
                }
                if (code < 500) {
                    throw new DigitalOceanException(mask("DigitalOcean refused " + what + ": " + error), code,
                            error.id, null);
                }
                problem = error.toString();
                if (failures >= maxRetries) {
                    throw new DigitalOceanException(mask("DigitalOcean failed " + what + " " + (failures + 1)
                            + " times (last: " + problem + "); giving up. Try again later, or check "
                            + "https://status.digitalocean.com"), code, error.id, null);
                }
            } catch (IOException e) {
                checkCancelled(what);
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (failures >= maxRetries) {
                    throw new DigitalOceanException(mask("Could not reach DigitalOcean for " + what + " at "
                            + baseUrl + " after " + (failures + 1) + " attempts (last: " + problem + ")"), 0, null, e);
                }
            }
            Duration wait = backoff.delay(failures);
            failures++;
            info("DigitalOcean " + what + " failed (" + mask(problem) + "); retry " + failures + " of " + maxRetries
                    + " in " + wait.toMillis() + " ms");
            pause(wait, what);
        }
    }

    private JsonNode parse(String what, String body) {
        if (body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            // Not retried: a proxy that answers with HTML will answer the same way again.
            throw new DigitalOceanException("DigitalOcean answered " + what + " with a body that is not JSON ("
                    + masker.maskThenCut(body.strip(), EXCERPT) + "); is --api-url the DigitalOcean API?", 200, null, e);
        }
    }

    private void checkCancelled(String what) {
        if (cancellation.isCancelled()) {
            throw new DigitalOceanException("Cancelled: DigitalOcean " + what + " was stopped before it completed",
                    0, null, null);
        }
    }

    private void pause(Duration d, String what) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DigitalOceanException("Interrupted while waiting to retry " + what, 0, null, e);
        }
        checkCancelled(what);
    }

    private void info(String line) {
        if (log != null) {
            log.info(line);
        }
    }

    private String mask(String s) {
        return masker.mask(s);
    }

    /** DigitalOcean's error body: {@code {"id": "...", "message": "...", "request_id": "..."}}. */
    private record ApiError(int status, String id, String message) {
        /** Reads the body; its message is masked before it is cut to {@value #EXCERPT} characters. */
        static ApiError of(int status, String body, SecretMasker masker) {
            try {
                JsonNode n = Json.MAPPER.readTree(body);
                if (n != null && n.isObject() && (n.has("id") || n.has("message"))) {
                    return new ApiError(status, masker.maskThenCut(n.path("id").asText(null), EXCERPT),
                            masker.maskThenCut(n.path("message").asText(""), EXCERPT));
                }
            } catch (IOException notJson) {
                // a proxy's HTML page, say: show its start below
            }
            return new ApiError(status, null, masker.maskThenCut(body == null ? "" : body.strip(), EXCERPT));
        }

        @Override
        public String toString() {
            return "HTTP " + status + (id == null ? "" : " " + id) + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /** Builds a {@link DigitalOceanClient}. */
    public static final class Builder {
        private String baseUrl;
        private String token;
        private String tokenSource;
        private OkHttpClient http;
        private Sleeper sleeper;
        private Clock clock;
        private int maxRetries = 3;
        private int maxRateLimitRetries = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxRateLimitWait = RateLimit.DEFAULT_MAX_WAIT;
        private BuildLog log;
        private Cancellation cancellation;

        private Builder() {}

        /**
         * @param baseUrl the API's base URL (a proxy or test server); default {@value #DEFAULT_BASE_URL}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * @param token the API token (sent only as {@code Authorization: Bearer})
         * @param source where it came from, e.g. a credentials id or an environment variable name;
         *     named in the message when the token is rejected
         * @return this builder
         */
        public Builder token(String token, String source) {
            this.token = token;
            this.tokenSource = source;
            return this;
        }

        /**
         * @param base the client this one derives from ({@link OkHttpClient#newBuilder()}, with
         *     DigitalOcean's own timeouts), sharing its pool, threads and proxy settings; e.g. the
         *     Jenkins controller's proxy-aware client. Default: {@link HttpClients#shared()}
         * @return this builder
         */
        public Builder httpClient(OkHttpClient base) {
            this.http = base;
            return this;
        }

        /**
         * @param cancellation the run's cancel signal: a cancel ends a wait, a request under way and a
         *     listing at once, with a {@link DigitalOceanException} that says it was cancelled
         *     (default: never cancelled)
         * @return this builder
         */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        /**
         * @param sleeper how to wait between retries (default: real time, ended early by the cancellation)
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * @param clock the clock that {@code RateLimit-Reset} is measured against
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param maxRetries retries after a 5xx or a broken connection (default 3)
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * @param maxRateLimitRetries retries after a 429 (default 5)
         * @return this builder
         */
        public Builder maxRateLimitRetries(int maxRateLimitRetries) {
            this.maxRateLimitRetries = maxRateLimitRetries;
            return this;
        }

        /**
         * @param initialBackoff the first wait after a 5xx or a 429 without a usable time; it doubles
         *     each retry, up to a minute, and each wait is jittered to between half and all of it (default 1s)
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /**
         * @param maxRateLimitWait the longest a 429 may make us wait before we give up instead
         *     (default {@link RateLimit#DEFAULT_MAX_WAIT})
         * @return this builder
         */
        public Builder maxRateLimitWait(Duration maxRateLimitWait) {
            this.maxRateLimitWait = maxRateLimitWait;
            return this;
        }

        /**
         * @param log where retries and waits are reported; the token is added to its secrets
         * @return this builder
         */
        public Builder log(BuildLog log) {
            this.log = log;
            return this;
        }

        /** @return the client */
        public DigitalOceanClient build() {
            return new DigitalOceanClient(this);
        }
    }
}
