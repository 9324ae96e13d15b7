package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.github.GitTagName;
import io.jenkins.plugins.immutabledeploy.engine.github.PollResult;
import io.jenkins.plugins.immutabledeploy.engine.github.PollState;
import io.jenkins.plugins.immutabledeploy.engine.github.PollStateFile;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.http.RateLimit;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Watches a GitHub repository for the releases that start a job: a webhook delivery, checked against its HMAC, or a
 * poll of the releases API. Each release starts the job once: a delivery that comes twice, a release both delivered
 * and polled, or either after a restart, is new only until the job took its build. The job's state file
 * ({@link PollStateFile}) keeps what polling has seen and the releases that started the job, and is written only once
 * the job took the build, so a job that could not (disabled, Jenkins quieting down) gets the release at the next
 * delivery or poll. One watcher per job's settings; it is safe to use from several threads, and two watchers of one
 * state file (while a reconfiguration replaces one) see each other's writes.
 */
public final class WatchReleases {
    /** The public GitHub API. */
    public static final String GITHUB_API_URL = ReleasePoller.DEFAULT_API_URL;

    /** How long a watcher that may wait (the command line's) waits at most for a rate-limit reset. */
    public static final Duration DEFAULT_MAX_WAIT = RateLimit.DEFAULT_MAX_WAIT;

    private final Request request;
    private final ReleaseFilter filter;
    private final BuildLog log;
    private final OkHttpClient http;
    private final Cancellation cancellation;
    private final Duration maxWait;
    private ReleasePoller poller;
    private String pollerToken;

    /** What became of offering a release to the job. */
    private enum Start {
        /** The job took the build, and the release is remembered as started. */
        SCHEDULED,
        /** The release started the job before: nothing was done. */
        ALREADY_STARTED,
        /** The job could not take the build: nothing was remembered. */
        NOT_SCHEDULED
    }

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
     * @param sink where the watcher's log lines go (its first poll, rate limits, a skipped release, a state file it
     *     cannot read)
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
     * Checks one webhook delivery without starting anything: verified with the secret, then filtered. For a delivery
     * read on its own (the command line); a job's deliveries go through {@link #receive}.
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link #readBody}
     * @param secret the webhook secret, or null or empty when the job's secret cannot be read (the delivery is refused)
     * @return what happened; {@link WebhookOutcome.Kind#TRIGGERED} when the release would start a job
     */
    public WebhookOutcome check(Map<String, String> headers, byte[] body, String secret) {
        if (secret == null || secret.isEmpty()) {
            return new WebhookOutcome(403, WebhookOutcome.Kind.REJECTED, "no configured secret verifies this delivery",
                    deliveryId(headers), null);
        }
        log.secrets().add(secret);
        return new WebhookHandler(new WebhookVerifier(secret), filter, null).handle(headers, body);
    }

    /**
     * Looks at one webhook delivery for a job: {@link #check}ed, then a release that did not start the job before is
     * handed to {@code start}, and remembered once {@code start} took it.
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link #readBody}
     * @param secret the webhook secret, or null or empty when the job's secret cannot be read (the delivery is refused)
     * @param stateFile the job's state file, shared with {@link #poll}
     * @param start starts the job for a new release; false when the job could not take the build
     * @return what happened, as GitHub is answered: {@link WebhookOutcome.Kind#DUPLICATE} (200) for a release that
     *     started the job before, {@link WebhookOutcome.Kind#NOT_SCHEDULED} (503) when {@code start} refused
     */
    public WebhookOutcome receive(Map<String, String> headers, byte[] body, String secret, Path stateFile,
            Predicate<Release> start) {
        WebhookOutcome o = check(headers, body, secret);
        if (o.kind() != WebhookOutcome.Kind.TRIGGERED) {
            return o;
        }
        return switch (startOnce(o.release(), stateFile(stateFile), start)) {
            case SCHEDULED -> o;
            case ALREADY_STARTED -> new WebhookOutcome(200, WebhookOutcome.Kind.DUPLICATE, "ignored: release "
                    + o.release().tagName() + " already started this job", o.delivery(), o.release());
            case NOT_SCHEDULED -> new WebhookOutcome(503, WebhookOutcome.Kind.NOT_SCHEDULED, "release "
                    + o.release().tagName() + " passed every check, but the job could not take the build now",
                    o.delivery(), o.release());
        };
    }

    /**
     * Polls once: reads what the last poll saw from the state file (without it, a release published while nothing
     * watched would never start the job), asks GitHub for what is new, hands each new release not started before to
     * {@code start}, and saves what it saw. A release whose tag git refuses is skipped with a log line and not offered
     * again; one {@code start} refused is offered again at the next poll. GitHub is read without holding the state
     * file's lock, so a webhook delivery is not held up; overlapping polls of this watcher wait for each other.
     *
     * @param token an API token, or null
     * @param stateFile the job's state file, shared with {@link #receive}
     * @param start starts the job for a new release; false when the job could not take the build
     * @throws io.jenkins.plugins.immutabledeploy.engine.EngineException when GitHub refuses or cannot be reached
     */
    public synchronized void poll(String token, Path stateFile, Predicate<Release> start) {
        PollStateFile file = stateFile(stateFile);
        PollState before;
        synchronized (file.lock()) {
            before = file.read();
        }
        PollResult result = poller(token).poll(before, filter);
        List<Long> again = new ArrayList<>();
        for (Release r : result.newReleases()) {
            Optional<String> badTag = GitTagName.problem(r.tagName());
            if (badTag.isPresent()) {
                // Seen, so it is not offered again: a release never gets a valid tag later.
                log.warn("GitHub release polling of " + request.repository() + ": skipped release " + r.id()
                        + ": its tag " + GitTagName.quote(r.tagName()) + " is not a tag name git accepts ("
                        + badTag.get() + ")");
            } else if (startOnce(r, file, start) == Start.NOT_SCHEDULED) {
                again.add(r.id());
            }
        }
        // Polling's fields from this poll, the started releases as they are now: a delivery may have started one.
        file.update(now -> now.withPollingOf(result.state()).offeringAgain(again));
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

    private PollStateFile stateFile(Path file) {
        return new PollStateFile(Objects.requireNonNull(file, "stateFile"), log);
    }

    /**
     * Starts the job for a release once: the state is read, decided on and written under the file's lock, and the
     * release is remembered only once {@code start} took the build.
     */
    private static Start startOnce(Release release, PollStateFile file, Predicate<Release> start) {
        synchronized (file.lock()) {
            PollState state = file.read();
            if (state.started(release.startKey())) {
                return Start.ALREADY_STARTED;
            }
            if (!start.test(release)) {
                return Start.NOT_SCHEDULED;
            }
            file.write(state.withStarted(release.startKey()));
            return Start.SCHEDULED;
        }
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
     * Offers one delivery to every job that takes webhooks and picks the answer GitHub gets. What needs no secret
     * (too large, unsigned, a malformed signature, no event, an event that is not a release) is answered once, before
     * any receiver is looked for or reads its secret. Otherwise the most relevant outcome wins, its message counting
     * the jobs started; when a job could not take the build, the answer is 503, so GitHub shows the delivery as failed
     * and its "Redeliver" starts the jobs that could not (a job it started already is not started again).
     *
     * @param headers the request headers
     * @param body the raw body, read with {@link #readBody}
     * @param receivers finds the jobs' watchers; not called for a delivery refused without a secret
     * @return the answer
     */
    public static WebhookOutcome deliver(Map<String, String> headers, byte[] body,
            Supplier<? extends Collection<? extends Receiver>> receivers) {
        Optional<WebhookOutcome> screened = WebhookHandler.screen(headers, body);
        if (screened.isPresent()) {
            return screened.get();
        }
        List<WebhookOutcome> outcomes = receivers.get().stream().map(r -> r.receive(headers, body))
                .filter(Objects::nonNull).toList();
        if (outcomes.isEmpty()) {
            return new WebhookOutcome(404, WebhookOutcome.Kind.REJECTED,
                    "no job has a GitHub release trigger with a webhook secret", deliveryId(headers), null);
        }
        WebhookOutcome best = WebhookOutcome.mostRelevant(outcomes);
        long scheduled = outcomes.stream().filter(o -> o.kind() == WebhookOutcome.Kind.TRIGGERED).count();
        long refused = outcomes.stream().filter(o -> o.kind() == WebhookOutcome.Kind.NOT_SCHEDULED).count();
        if (refused > 0) {
            return new WebhookOutcome(503, WebhookOutcome.Kind.NOT_SCHEDULED, "release " + best.release().tagName()
                    + " of " + best.release().repository() + ": " + scheduled + " job(s) scheduled, " + refused
                    + " could not take the build now (disabled, or Jenkins is quieting down); redeliver this delivery "
                    + "once they can (a job it already started is not started again)", best.delivery(),
                    best.release());
        }
        if (scheduled > 0) {
            return new WebhookOutcome(best.status(), best.kind(), best.message() + ": " + scheduled
                    + " job(s) scheduled", best.delivery(), best.release());
        }
        return best;
    }

    private static String deliveryId(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(e -> WebhookHandler.DELIVERY_HEADER.equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
