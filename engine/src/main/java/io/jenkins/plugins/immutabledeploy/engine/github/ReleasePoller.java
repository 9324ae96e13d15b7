package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads a repository's releases through GitHub's REST API ({@code GET /repos/{owner}/{repo}/releases}),
 * for a server GitHub cannot deliver webhooks to.
 *
 * <p>It is a good API citizen: the last listing's ETag goes out as {@code If-None-Match}, so an
 * unchanged listing is a 304 that GitHub does not count against the rate limit; when
 * {@code x-ratelimit-remaining} reaches 0 (or GitHub answers 403/429 with a reset time or
 * {@code Retry-After}, read by {@link RateLimit}) the next request waits until the reset instead of
 * hammering, for at most {@link Builder#maxWait}; a rate-limited answer that names no future time
 * waits a {@link Backoff}. Pages are followed through the {@code Link} header only while they hold
 * releases not seen yet, only to the API's own host, so the token is never sent elsewhere, and
 * never round in a circle ({@link PageGuard}). A cancel ({@link Builder#cancellation}) ends a wait
 * and a request under way at once.
 *
 * <p>One poller per repository; not for concurrent use (a Jenkins trigger polls one at a time).
 */
public final class ReleasePoller {
    /** GitHub.com's API. GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    public static final String DEFAULT_API_URL = "https://api.github.com";
    /** Releases per page: the API's maximum, so most polls are one request. */
    static final int PER_PAGE = 100;

    /** The most of GitHub's error message quoted in an exception, after masking. */
    private static final int MESSAGE_EXCERPT = 200;

    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    private final OkHttpClient client;
    private final HttpUrl apiUrl;
    private final String owner;
    private final String repo;
    private final String token;
    private final BuildLog log;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int maxPages;
    private final Duration maxWait;
    private final Cancellation cancellation;
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1));
    /** When the rate limit allows the next request; survives between polls of this poller. */
    private Instant notBefore = Instant.MIN;

    private ReleasePoller(Builder b) {
        this.client = b.client != null ? b.client : HttpClients.shared();
        this.apiUrl = b.apiUrl;
        String[] parts = b.repository.split("/", 2);
        this.owner = parts[0];
        this.repo = parts[1];
        this.token = b.token;
        this.log = b.log != null ? b.log : new BuildLog(line -> { }, new SecretMasker());
        if (token != null) {
            log.secrets().add(token);
        }
        this.cancellation = b.cancellation;
        this.clock = b.clock;
        this.sleeper = b.sleeper != null ? b.sleeper : Sleeper.until(cancellation);
        this.maxPages = b.maxPages;
        this.maxWait = b.maxWait;
    }

    /**
     * @param repository {@code owner/name}
     * @return a builder
     * @throws IllegalArgumentException when the repository is not {@code owner/name}
     */
    public static Builder builder(String repository) {
        return new Builder(ReleaseFilter.checkRepository("repository", repository));
    }

    /**
     * Parses an API base URL.
     *
     * @param field the field name for the message
     * @param url {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise Server
     * @return the URL
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public static HttpUrl parseApiUrl(String field, String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException(field + ": '" + url + "' is not an http(s) URL; use "
                    + DEFAULT_API_URL + ", or https://HOST/api/v3 for GitHub Enterprise Server");
        }
        return parsed;
    }

    /**
     * Lists the releases and returns those not seen before that pass the filter. The first poll
     * (an uninitialised state) only takes stock, so installing a trigger does not rebuild old releases.
     *
     * @param state what the previous poll left
     * @param filter which releases count
     * @return what is new, and the state to keep
     * @throws EngineException when GitHub refuses or cannot be reached (the state is then unchanged)
     */
    public PollResult poll(PollState state, ReleaseFilter filter) {
        Listing listing = list(state.initialized() ? state.etag() : null, state);
        if (listing.notModified) {
            return new PollResult(true, List.of(), state, listing.requests);
        }
        List<Long> ids = new ArrayList<>();
        List<Release> fresh = new ArrayList<>();
        for (Release r : listing.releases) {
            // A draft keeps its id when published: remembering it now would swallow that release.
            if (!r.draft()) {
                ids.add(r.id());
                if (!state.seen(r.id()) && filter.accepts(r)) {
                    fresh.add(0, r);
                }
            }
        }
        PollState next = state.after(listing.etag, ids);
        if (!state.initialized()) {
            log.info("GitHub releases of " + owner + "/" + repo + ": first poll, " + ids.size()
                    + " existing release(s) noted; the next new release starts a build");
            return new PollResult(false, List.of(), next, listing.requests);
        }
        return new PollResult(false, fresh, next, listing.requests);
    }

    /**
     * Finds the newest release that passes a filter (in the API's order: newest first).
     *
     * @param filter which releases count (drafts never do)
     * @return the newest such release, or empty when the pages read hold none
     * @throws EngineException when GitHub refuses or cannot be reached
     */
    public Optional<Release> latest(ReleaseFilter filter) {
        PageGuard guard = guard();
        HttpUrl url = firstPage();
        for (int page = 0; url != null && page < maxPages; page++) {
            Page p = fetch(url, null, guard);
            for (Release r : p.releases) {
                if (filter.accepts(r)) {
                    return Optional.of(r);
                }
            }
            url = guard.next(p.nextLink, p.releases.size(), guard.requests(), -1);
        }
        return Optional.empty();
    }

    private record Page(boolean notModified, String etag, List<Release> releases, String nextLink, int requests) {}

    private record Listing(boolean notModified, String etag, List<Release> releases, int requests) {}

    private Listing list(String etag, PollState state) {
        PageGuard guard = guard();
        Page first = fetch(firstPage(), etag, guard);
        if (first.notModified) {
            return new Listing(true, etag, List.of(), first.requests);
        }
        // By id: pages shift when a release is published while they are read.
        Set<Long> ids = new HashSet<>();
        List<Release> all = new ArrayList<>();
        first.releases.stream().filter(r -> ids.add(r.id())).forEach(all::add);
        int requests = first.requests;
        HttpUrl next = guard.next(first.nextLink, first.releases.size(), ids.size(), -1);
        // Newest first: once a page reaches a release already seen, later pages hold nothing new.
        boolean reachedSeen = first.releases.stream().anyMatch(r -> state.seen(r.id()));
        for (int page = 1; next != null && page < maxPages && !reachedSeen; page++) {
            Page p = fetch(next, null, guard);
            requests += p.requests;
            p.releases.stream().filter(r -> ids.add(r.id())).forEach(all::add);
            reachedSeen = p.releases.stream().anyMatch(r -> state.seen(r.id()));
            next = guard.next(p.nextLink, p.releases.size(), ids.size(), -1);
        }
        return new Listing(false, first.etag, all, requests);
    }

    private PageGuard guard() {
        // maxPages is where a poll chooses to stop reading; the guard's own limit only backs it up.
        return new PageGuard(apiUrl, "the GitHub releases of " + owner + "/" + repo, maxPages + 1,
                PageGuard.Foreign.REFUSE);
    }

    private HttpUrl firstPage() {
        return apiUrl.newBuilder()
                .addPathSegment("repos")
                .addPathSegment(owner)
                .addPathSegment(repo)
                .addPathSegment("releases")
                .setQueryParameter("per_page", Integer.toString(PER_PAGE))
                .build();
    }

    /** Fetches one page, waiting out the rate limit and retrying once after a rate-limited answer. */
    private Page fetch(HttpUrl url, String etag, PageGuard guard) {
        guard.request(url);
        int requests = 0;
        for (int attempt = 0; ; attempt++) {
            waitForRateLimit();
            Request.Builder rb = new Request.Builder().url(url)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("User-Agent", "immutable-deploy");
            if (token != null) {
                rb.header("Authorization", "Bearer " + token);
            }
            if (etag != null) {
                rb.header("If-None-Match", etag);
            }
            requests++;
            try (Response response = HttpClients.execute(client, rb.build(), cancellation)) {
                int code = response.code();
                boolean limited = noteRateLimit(code, response, attempt);
                if (limited && (code == 403 || code == 429) && attempt == 0) {
                    continue;
                }
                if (code == 304) {
                    return new Page(true, etag, List.of(), null, requests);
                }
                String body = readBody(response.body());
                if (code != 200) {
                    throw new EngineException(log.secrets().mask(describeFailure(code, body, limited)));
                }
                return new Page(false, response.header("ETag"), parse(body), nextLink(response.header("Link")), requests);
            } catch (IOException e) {
                checkCancelled();
                throw new EngineException(log.secrets().mask("GitHub API " + url.host() + " could not be reached: "
                        + e.getMessage() + "; check the API URL and the network (a proxy?)"), e);
            }
        }
    }

    private static String readBody(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    private List<Release> parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new EngineException("GitHub API: the release listing of " + owner + "/" + repo + " is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new EngineException("GitHub API: the release listing of " + owner + "/" + repo + " is not a JSON array");
        }
        List<Release> releases = new ArrayList<>();
        for (JsonNode node : root) {
            releases.add(Release.fromJson(node, owner + "/" + repo));
        }
        return releases;
    }

    private String describeFailure(int code, String body, boolean limited) {
        String message = "";
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            message = n == null ? "" : n.path("message").asText("");
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        String what = "GitHub API answered " + code + " for the releases of " + owner + "/" + repo
                + (message.isEmpty() ? "" : " (" + log.secrets().maskThenCut(message, MESSAGE_EXCERPT) + ")");
        return what + switch (code) {
            case 401 -> ": the API token was refused; check the token credential";
            case 403, 429 -> limited ? ": the rate limit is still exhausted after waiting for its reset; use an API token"
                    : ": the token lacks access to the repository's contents";
            case 404 -> ": no such repository, or it is private and "
                    + (token == null ? "no API token is configured" : "the token cannot read it");
            default -> "";
        };
    }

    /**
     * Reads the rate-limit headers and, when the limit is used up, sets when the next request may
     * go: as the headers say, or after a backoff when they name no future time.
     *
     * @return whether this answer says the limit is exhausted
     */
    private boolean noteRateLimit(int code, Response response, int attempt) {
        Instant now = clock.instant();
        Optional<RateLimit> limit = RateLimit.read(code, response.headers(), now);
        if (limit.isEmpty() && code != 429) {
            return false;
        }
        // One second past GitHub's reset: it is a whole epoch second, and clocks drift.
        Optional<Duration> told = limit.map(l -> "Retry-After".equals(l.header()) ? l
                : new RateLimit(l.until().plusSeconds(1), l.header())).flatMap(l -> l.positiveWait(now));
        notBefore = now.plus(told.orElseGet(() -> backoff.delay(attempt)));
        return true;
    }

    private void waitForRateLimit() {
        checkCancelled();
        Duration wait = Duration.between(clock.instant(), notBefore);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            throw new EngineException("GitHub API rate limit for " + owner + "/" + repo + " is exhausted until "
                    + notBefore + ", longer than the " + maxWait.toSeconds() + "s this poll may wait; "
                    + "the next poll tries again (an API token raises the limit)");
        }
        log.info("GitHub API rate limit exhausted; waiting " + wait.toSeconds() + "s until " + notBefore
                + " (this run waits at most " + maxWait.toSeconds() + "s for a reset)");
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the GitHub API rate limit to reset", e);
        }
        checkCancelled();
    }

    private void checkCancelled() {
        if (cancellation.isCancelled()) {
            throw new EngineException("Cancelled: reading the GitHub releases of " + owner + "/" + repo
                    + " was stopped before it completed");
        }
    }

    private static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = LINK_NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /** Builds a {@link ReleasePoller}. */
    public static final class Builder {
        private final String repository;
        private HttpUrl apiUrl = HttpUrl.get(DEFAULT_API_URL);
        private String token;
        private OkHttpClient client;
        private BuildLog log;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper;
        private Cancellation cancellation = Cancellation.none();
        private int maxPages = 10;
        private Duration maxWait = RateLimit.DEFAULT_MAX_WAIT;

        private Builder(String repository) {
            this.repository = repository;
        }

        /**
         * @param url the API base URL; null or blank keeps {@link #DEFAULT_API_URL}
         * @return this builder
         * @throws IllegalArgumentException {@code apiUrl: ...} when it is not an http(s) URL
         */
        public Builder apiUrl(String url) {
            if (url != null && !url.isBlank()) {
                this.apiUrl = parseApiUrl("apiUrl", url);
            }
            return this;
        }

        /**
         * @param token an API token, sent as {@code Authorization: Bearer}; null or blank for none.
         *     It is added to the log's secrets.
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token;
            return this;
        }

        /**
         * @param client the HTTP client, e.g. the Jenkins controller's proxy-aware client; by default
         *     the engine's shared one ({@link HttpClients#shared()})
         * @return this builder
         */
        public Builder client(OkHttpClient client) {
            this.client = client;
            return this;
        }

        /**
         * @param log where waits and first-poll notes go; its masker learns the token
         * @return this builder
         */
        public Builder log(BuildLog log) {
            this.log = log;
            return this;
        }

        /**
         * @param cancellation the run's cancel signal: a cancel ends a rate-limit wait and a request
         *     under way at once, with an {@link EngineException} that says it was cancelled
         * @return this builder
         */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        /**
         * @param clock the clock rate-limit resets are compared with
         * @param sleeper how waits are made (default: real time, ended early by the cancellation)
         * @return this builder
         */
        public Builder time(Clock clock, Sleeper sleeper) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param maxPages how many pages one poll reads at most, at least 1
         * @return this builder
         */
        public Builder maxPages(int maxPages) {
            if (maxPages < 1) {
                throw new IllegalArgumentException("maxPages: must be at least 1, got " + maxPages);
            }
            this.maxPages = maxPages;
            return this;
        }

        /**
         * @param maxWait the longest a poll waits for a rate-limit reset before giving up (default
         *     {@link RateLimit#DEFAULT_MAX_WAIT}); the log names it when a wait begins
         * @return this builder
         */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
            return this;
        }

        /** @return the poller */
        public ReleasePoller build() {
            return new ReleasePoller(this);
        }
    }
}
