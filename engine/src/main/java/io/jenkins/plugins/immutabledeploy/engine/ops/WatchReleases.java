package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.github.PollResult;
import io.jenkins.plugins.immutabledeploy.engine.github.PollState;
import io.jenkins.plugins.immutabledeploy.engine.github.RecentDeliveries;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;

/**
 * Watches a GitHub repository for the releases that start a job: a webhook delivery, checked against its HMAC, or a
 * poll of the releases API, which keeps what it has seen in a file so a restart loses nothing. Each release starts
 * the job once: a delivery that comes twice, or a release both delivered and polled, is new only the first time.
 * One watcher per job; it is safe to use from several threads.
 */
public final class WatchReleases {
    /** The public GitHub API. */
    public static final String GITHUB_API_URL = ReleasePoller.DEFAULT_API_URL;

    private final Request request;
    private final ReleaseFilter filter;
    private final BuildLog log;
    private final OkHttpClient http;
    private final Cancellation cancellation;
    private final Duration maxWait;
    private final RecentDeliveries started = new RecentDeliveries();
    private ReleasePoller poller;
    private String pollerToken;
    private PollState state;

    /**
     * Which releases of which repository, and where GitHub's API is.
     *
     * @param repository {@code owner/name}, or null for releases of any repository (checking a delivery on its own)
     * @param tagPattern a regular expression the whole tag must match, or null for any tag
     * @param includePrereleases whether pre-releases count
     * @param apiUrl the API base URL, or null for {@value #GITHUB_API_URL}
     * @param names how the caller names these fields, for messages
     */
    public record Request(String repository, String tagPattern, boolean includePrereleases, String apiUrl,
            Vocabulary names) {
        /** Checks every field, naming it as the caller does. */
        public Request {
            names = names == null ? Vocabulary.FIELDS : names;
            repository = repository == null ? null
                    : ReleaseFilter.checkRepository(names.name("repository"), repository.trim());
            tagPattern = tagPattern == null || tagPattern.isBlank() ? null : tagPattern.trim();
            compile(names, tagPattern);
            apiUrl = apiUrl == null || apiUrl.isBlank() ? GITHUB_API_URL : apiUrl.trim();
            ReleasePoller.parseApiUrl(names.name("apiUrl"), apiUrl);
        }

        private static void compile(Vocabulary names, String tagPattern) {
            try {
                ReleaseFilter.compileTagPattern(tagPattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        e.getMessage().replaceFirst("^tagPattern:", names.name("tagPattern") + ":"), e);
            }
        }
    }

    /**
     * A watcher on the engine's shared HTTP client, as {@link #WatchReleases(Request, LogSink, OkHttpClient)}.
     *
     * @param request what to watch
     * @param sink where the watcher's log lines go (its first poll, rate limits, a state file it cannot read)
     */
    public WatchReleases(Request request, LogSink sink) {
        this(request, sink, HttpClients.shared());
    }

    /**
     * A watcher for a trigger: it never waits for a rate-limit reset (a refused poll tries again at the next one) and
     * nothing cancels it.
     *
     * @param request what to watch
     * @param sink where the watcher's log lines go (its first poll, rate limits, a state file it cannot read)
     * @param http the client GitHub calls derive from (in Jenkins: the one with the controller's proxy settings)
     */
    public WatchReleases(Request request, LogSink sink, OkHttpClient http) {
        this(request, sink, http, new Cancellation(), Duration.ZERO);
    }

    /**
     * @param request what to watch
     * @param sink where the watcher's log lines go (its first poll, rate limits, a state file it cannot read)
     * @param http the client GitHub calls derive from (in Jenkins: the one with the controller's proxy settings)
     * @param cancellation ends a call or a rate-limit wait at once
     * @param maxWait the longest a call waits for a rate-limit reset; zero fails at once
     */
    public WatchReleases(Request request, LogSink sink, OkHttpClient http, Cancellation cancellation, Duration maxWait) {
        this.request = Objects.requireNonNull(request, "request");
        this.filter = ReleaseFilter.of(request.repository(), request.tagPattern(), request.includePrereleases());
        this.log = new BuildLog(sink, new SecretMasker());
        this.http = Objects.requireNonNull(http, "http");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /** @return what is watched */
    public Request request() {
        return request;
    }

    /**
     * Looks at one webhook delivery: verified with the secret, then filtered; a release not started before is
     * handed to {@code start}.
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link #readBody}
     * @param secret the webhook secret, or null when the job's secret cannot be read (the delivery is refused)
     * @param start starts the job for a new release; false when it could not
     * @return what happened, as GitHub is answered
     */
    public WebhookOutcome receive(Map<String, String> headers, byte[] body, String secret, Predicate<Release> start) {
        if (secret == null) {
            return new WebhookOutcome(403, WebhookOutcome.Kind.REJECTED, "no configured secret verifies this delivery",
                    headers.get(WebhookHandler.DELIVERY_HEADER), null);
        }
        log.secrets().add(secret);
        WebhookOutcome o = new WebhookHandler(new WebhookVerifier(secret), filter, null, started).handle(headers, body);
        if (o.kind() == WebhookOutcome.Kind.TRIGGERED && !startOnce(o.release(), start)) {
            return new WebhookOutcome(200, WebhookOutcome.Kind.DUPLICATE, "ignored: release " + o.release().tagName()
                    + " already started this job", o.delivery(), o.release());
        }
        return o;
    }

    /**
     * Polls once: the first poll after a start reads what the last one saw from the state file (without it, a
     * release published while nothing watched would never start the job), asks GitHub for what is new, hands each
     * new release not started before to {@code start}, and saves what it saw. Overlapping polls wait for each other.
     *
     * @param token an API token, or null
     * @param stateFile where what polling has seen is kept
     * @param start starts the job for a new release
     * @throws io.jenkins.plugins.immutabledeploy.engine.EngineException when GitHub refuses or cannot be reached
     */
    public synchronized void poll(String token, Path stateFile, Predicate<Release> start) {
        if (state == null) {
            state = load(stateFile);
        }
        PollResult result = poller(token).poll(state, filter);
        for (Release r : result.newReleases()) {
            startOnce(r, start);
        }
        if (!result.state().equals(state)) {
            state = result.state();
            save(stateFile, state);
        }
    }

    /**
     * The newest published release that passes the filter (drafts never do).
     *
     * @param token an API token, or null
     * @return the release, or empty when there is none
     * @throws io.jenkins.plugins.immutabledeploy.engine.EngineException when GitHub refuses or cannot be reached
     */
    public synchronized Optional<Release> latest(String token) {
        return poller(token).latest(filter);
    }

    private boolean startOnce(Release release, Predicate<Release> start) {
        String key = "release:" + release.repository().toLowerCase(Locale.ROOT) + "#"
                + (release.id() != 0 ? Long.toString(release.id()) : release.tagName());
        return started.markNew(key) && start.test(release);
    }

    /** Kept while the token stays the same, so a rate-limit reset it learnt is honoured. */
    private ReleasePoller poller(String token) {
        if (token != null) {
            log.secrets().add(token);
        }
        if (poller == null || !Objects.equals(token, pollerToken)) {
            poller = ReleasePoller.builder(request.repository()).apiUrl(request.apiUrl()).token(token).log(log)
                    .client(http).cancellation(cancellation).maxWait(maxWait).build();
            pollerToken = token;
        }
        return poller;
    }

    private PollState load(Path file) {
        try {
            return Files.exists(file) ? PollState.decode(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : PollState.INITIAL;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("GitHub release polling of " + request.repository() + ": could not read " + file + " ("
                    + e.getMessage() + "); taking stock of the existing releases again");
            return PollState.INITIAL;
        }
    }

    private void save(Path file, PollState s) {
        try {
            // A crash mid-write leaves the previous state, not half of one.
            AtomicWrite.writeString(file, s.encode() + "\n");
        } catch (IOException e) {
            log.warn("GitHub release polling of " + request.repository() + ": could not save " + file + " ("
                    + e.getMessage() + "); the state is kept in memory until the watcher starts again");
        }
    }

    /**
     * Reads a delivery's body, refusing more than GitHub ever sends.
     *
     * @param in the request's body
     * @return the bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] readBody(InputStream in) throws IOException {
        return WebhookHandler.readBody(in);
    }

    /**
     * The headers of a delivery read from elsewhere (a file, standard input), as GitHub names them.
     *
     * @param signature the {@code X-Hub-Signature-256} value, {@code sha256=<hex>}
     * @param event the {@code X-GitHub-Event} value, e.g. {@code release}
     * @param delivery the {@code X-GitHub-Delivery} id, or null
     * @return the headers
     */
    public static Map<String, String> deliveryHeaders(String signature, String event, String delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookVerifier.HEADER, signature);
        headers.put(WebhookHandler.EVENT_HEADER, event);
        if (delivery != null) {
            headers.put(WebhookHandler.DELIVERY_HEADER, delivery);
        }
        return headers;
    }

    /** A watcher that takes webhook deliveries for a job. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * @param headers the request headers
         * @param body the raw body
         * @return what happened, or null when this job takes no webhooks
         */
        WebhookOutcome receive(Map<String, String> headers, byte[] body);
    }

    /**
     * Offers one delivery to every job that takes webhooks and picks the answer GitHub gets: the most relevant
     * outcome, its message counting the jobs started.
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link #readBody}
     * @param receivers the jobs' watchers
     * @return the answer
     */
    public static WebhookOutcome deliver(Map<String, String> headers, byte[] body,
            Collection<? extends Receiver> receivers) {
        String delivery = headers.entrySet().stream()
                .filter(e -> WebhookHandler.DELIVERY_HEADER.equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (body.length > WebhookHandler.MAX_BODY_BYTES) {
            // Refused once here rather than hashed by every job.
            return new WebhookOutcome(413, WebhookOutcome.Kind.REJECTED, "body larger than "
                    + WebhookHandler.MAX_BODY_BYTES + " bytes", delivery, null);
        }
        List<WebhookOutcome> outcomes = receivers.stream().map(r -> r.receive(headers, body)).filter(Objects::nonNull)
                .toList();
        if (outcomes.isEmpty()) {
            return new WebhookOutcome(404, WebhookOutcome.Kind.REJECTED,
                    "no job has a GitHub release trigger with a webhook secret", delivery, null);
        }
        WebhookOutcome best = WebhookOutcome.mostRelevant(outcomes);
        long scheduled = outcomes.stream().filter(o -> o.kind() == WebhookOutcome.Kind.TRIGGERED).count();
        if (scheduled > 0) {
            return new WebhookOutcome(best.status(), best.kind(), best.message() + ": " + scheduled
                    + " job(s) scheduled", best.delivery(), best.release());
        }
        return best;
    }
}
