package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * {@code Retry-After}) the next request waits until the reset instead of hammering; pages are
 * followed through the {@code Link} header only while they hold releases not seen yet, and only to
 * the API's own host, so the token is never sent elsewhere.
 *
 * <p>One poller per repository; not for concurrent use (a Jenkins trigger polls one at a time).
 */
public final class ReleasePoller {
    /** GitHub.com's API. GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    public static final String DEFAULT_API_URL = "https://api.github.com";
    /** Releases per page: the API's maximum, so most polls are one request. */
    static final int PER_PAGE = 100;

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
    /** When the rate limit allows the next request; survives between polls of this poller. */
    private Instant notBefore = Instant.MIN;

    /** Waits; injectable so tests need not really wait for a rate-limit reset. */
    @FunctionalInterface
    public interface Sleeper {
        /** The real one. */
        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

        /**
         * @param duration how long to wait
         * @throws InterruptedException when the wait is interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

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
        this.clock = b.clock;
        this.sleeper = b.sleeper;
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
        HttpUrl url = firstPage();
        int requests = 0;
        for (int page = 0; url != null && page < maxPages; page++) {
            Page p = fetch(url, null);
            requests += p.requests;
            for (Release r : p.releases) {
                if (filter.accepts(r)) {
                    return Optional.of(r);
                }
            }
            url = p.next;
        }
        return Optional.empty();
    }

    private record Page(boolean notModified, String etag, List<Release> releases, HttpUrl next, int requests) {}

    private record Listing(boolean notModified, String etag, List<Release> releases, int requests) {}

    private Listing list(String etag, PollState state) {
        Page first = fetch(firstPage(), etag);
        if (first.notModified) {
            return new Listing(true, etag, List.of(), first.requests);
        }
        List<Release> all = new ArrayList<>(first.releases);
        int requests = first.requests;
        HttpUrl next = first.next;
        // Newest first: once a page reaches a release already seen, later pages hold nothing new.
        boolean reachedSeen = first.releases.stream().anyMatch(r -> state.seen(r.id()));
        for (int page = 1; next != null && page < maxPages && !reachedSeen; page++) {
            Page p = fetch(next, null);
            requests += p.requests;
            all.addAll(p.releases);
            reachedSeen = p.releases.stream().anyMatch(r -> state.seen(r.id()));
            next = p.next;
        }
        return new Listing(false, first.etag, all, requests);
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
    private Page fetch(HttpUrl url, String etag) {
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
            try (Response response = client.newCall(rb.build()).execute()) {
                boolean limited = noteRateLimit(response);
                int code = response.code();
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
                return new Page(false, response.header("ETag"), parse(body), nextPage(response.header("Link")), requests);
            } catch (IOException e) {
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
                + (message.isEmpty() ? "" : " (" + message + ")");
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
     * Reads the rate-limit headers and, when the limit is used up, sets when the next request may go.
     *
     * @return whether this answer says the limit is exhausted
     */
    private boolean noteRateLimit(Response response) {
        Instant now = clock.instant();
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null && (response.code() == 403 || response.code() == 429)) {
            try {
                notBefore = now.plusSeconds(Long.parseLong(retryAfter.trim()));
                return true;
            } catch (NumberFormatException e) {
                // an HTTP date: fall through to the rate-limit headers
            }
        }
        String remaining = response.header("x-ratelimit-remaining");
        String reset = response.header("x-ratelimit-reset");
        if ("0".equals(remaining == null ? null : remaining.trim()) && reset != null) {
            try {
                // One second past the reset: GitHub's reset is whole seconds and clocks drift.
                notBefore = Instant.ofEpochSecond(Long.parseLong(reset.trim())).plusSeconds(1);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private void waitForRateLimit() {
        Duration wait = Duration.between(clock.instant(), notBefore);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            throw new EngineException("GitHub API rate limit for " + owner + "/" + repo + " is exhausted until "
                    + notBefore + ", longer than the " + maxWait.toSeconds() + "s this poll may wait; "
                    + "the next poll tries again (an API token raises the limit)");
        }
        log.info("GitHub API rate limit exhausted; waiting " + wait.toSeconds() + "s until " + notBefore);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the GitHub API rate limit to reset", e);
        }
    }

    private HttpUrl nextPage(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = LINK_NEXT.matcher(link);
        if (!m.find()) {
            return null;
        }
        HttpUrl next = HttpUrl.parse(m.group(1));
        if (next == null) {
            throw new EngineException("GitHub API: the Link header's next page '" + m.group(1) + "' is not a URL");
        }
        // The token goes with every page: follow only links to the API we were configured with.
        if (!next.scheme().equals(apiUrl.scheme()) || !next.host().equals(apiUrl.host()) || next.port() != apiUrl.port()) {
            throw new EngineException("GitHub API: the next page is on " + next.scheme() + "://" + next.host() + ":"
                    + next.port() + ", not on the configured API " + apiUrl.scheme() + "://" + apiUrl.host() + ":"
                    + apiUrl.port() + "; not following it");
        }
        return next;
    }

    /** Builds a {@link ReleasePoller}. */
    public static final class Builder {
        private final String repository;
        private HttpUrl apiUrl = HttpUrl.get(DEFAULT_API_URL);
        private String token;
        private OkHttpClient client;
        private BuildLog log;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private int maxPages = 10;
        private Duration maxWait = Duration.ofMinutes(61);

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
         * @param client the HTTP client; by default the engine's shared one ({@link HttpClients#shared()})
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
         * @param clock the clock rate-limit resets are compared with
         * @param sleeper how waits are made
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
         * @param maxWait the longest a poll waits for a rate-limit reset before giving up
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
