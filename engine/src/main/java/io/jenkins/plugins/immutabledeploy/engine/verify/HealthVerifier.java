package io.jenkins.plugins.immutabledeploy.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Checks endpoints until each is healthy, or one fails, or time runs out: the engine of
 * {@code verifyDeploy} and {@code immutable-deploy verify}.
 *
 * <p>Every endpoint has its own fixed-rate schedule (attempt {@code k} starts at
 * {@code initialDelay + k * interval}, whatever the latency of earlier attempts; a tick that
 * finds the previous attempt still running is skipped). Attempts are asynchronous OkHttp calls on
 * the shared client's bounded dispatcher, so hundreds of endpoints are checked in parallel by a
 * handful of threads. The verification ends as soon as it is decided: all endpoints healthy, or
 * one endpoint failed (the others are then stopped), or a cancel.
 *
 * <p>Each attempt logs one line (endpoint, status or error, latency, progress towards the
 * threshold); a failing answer's body is logged once per distinct body, as a short excerpt
 * ({@value #LOGGED_BODY_CHARS} characters, masked before it is cut, so a cut never leaves the start of a
 * secret): the log shows enough to see what went wrong, never a page of what the endpoint holds. A
 * progress line counts the healthy endpoints whenever that count changes. All of it goes through the
 * run's {@link SecretMasker}, and secret header values are registered with it before the first attempt.
 */
public final class HealthVerifier {
    /** The most of a failing answer's body that is logged, in characters, after masking. */
    public static final int LOGGED_BODY_CHARS = 200;
    /** The most of a JSON value or an error message quoted in an attempt's error, after masking. */
    private static final int QUOTED_CHARS = 100;
    /** The most of a body that is read to match a regex or a JSON pointer. */
    public static final long READ_BODY_BYTES = 1024 * 1024;

    private final OkHttpClient base;

    /** A verifier on the engine's shared client ({@link HttpClients#shared()}). */
    public HealthVerifier() {
        this(HttpClients.shared());
    }

    /**
     * @param base the client to derive this verifier's clients from (they share its pool, threads
     *     and proxy settings); e.g. the Jenkins controller's proxy-aware client
     */
    public HealthVerifier(OkHttpClient base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Checks the request's endpoints until the verification is decided. Blocks until then.
     *
     * @param request what to check
     * @param log the run's log; its masker learns the secret header values
     * @param cancellation stops the checks at once when cancelled
     * @return the outcome; failed health is a value, not an exception
     */
    public VerifyResult verify(VerifyRequest request, BuildLog log, Cancellation cancellation) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(cancellation, "cancellation");
        for (HealthCheck c : request.checks()) {
            c.secretHeaders().forEach(name -> log.secrets().add(c.headers().get(name)));
        }
        OkHttpClient client = client(request, log);
        try {
            return new Run(request, client, log, cancellation).await();
        } finally {
            if (client.connectionPool() != base.connectionPool()) {
                client.connectionPool().evictAll();
            }
        }
    }

    private OkHttpClient client(VerifyRequest request, BuildLog log) {
        OkHttpClient c = base;
        if (request.insecure()) {
            log.warn("TLS verification is OFF (" + request.names().on("insecure") + "): certificates and host names are not checked;"
                    + " any server can answer for these endpoints. Use a CA file instead.");
            c = HttpClients.insecure(c);
        } else if (request.caFile() != null) {
            log.info("Trusting the system's CAs and those in " + request.caFile());
            c = HttpClients.withCaFile(c, request.caFile());
        }
        OkHttpClient.Builder b = c.newBuilder();
        int endpoints = request.checks().size();
        if (endpoints > HttpClients.MAX_IDLE_CONNECTIONS) {
            // One kept-alive connection per endpoint between attempts: a pool smaller than the number
            // of endpoints closed most connections after each round and opened them again the next.
            // The pool is this verification's own, emptied when it ends.
            b.connectionPool(new ConnectionPool(endpoints, 5, TimeUnit.MINUTES));
        }
        // The attempt timeout (set on each call) bounds the whole attempt, so the client's own
        // connect/read limits must not cut a longer one short. Redirects are not followed: a 301
        // is the answer the endpoint gave, and the status ranges decide whether it is fine.
        return b
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /** One verification under way. */
    private static final class Run {
        private final BuildLog log;
        private final SecretMasker secrets;
        private final OkHttpClient client;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final CountDownLatch undecided;
        private final ScheduledThreadPoolExecutor scheduler;
        private final AtomicInteger healthy = new AtomicInteger();
        private final Cancellation cancellation;
        private final long start = System.nanoTime();
        private volatile boolean stopped;
        private volatile boolean cancelled;
        private int lastProgress = -1;

        Run(VerifyRequest request, OkHttpClient client, BuildLog log, Cancellation cancellation) {
            this.log = log;
            this.secrets = log.secrets();
            this.client = client;
            this.cancellation = cancellation;
            this.undecided = new CountDownLatch(request.checks().size());
            // One scheduler thread is enough: ticks only enqueue calls, the dispatcher runs them.
            this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "immutable-deploy verify scheduler");
                t.setDaemon(true);
                return t;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            for (HealthCheck c : request.checks()) {
                endpoints.add(new Endpoint(c));
            }
        }

        VerifyResult await() {
            log.info("Verifying " + endpoints.size() + " endpoint(s)" + describe(endpoints.get(0).check));
            Cancellation.Registration onCancel = cancellation.onCancel(() -> {
                cancelled = true;
                stopAll("cancelled");
            });
            try {
                for (Endpoint e : endpoints) {
                    e.start();
                }
                Duration every = endpoints.stream().map(e -> e.check.interval()).min(Duration::compareTo)
                        .orElseThrow();
                long progressMs = Math.max(1000, every.toMillis());
                scheduler.scheduleAtFixedRate(this::progress, progressMs, progressMs, TimeUnit.MILLISECONDS);
                undecided.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                stopAll("interrupted");
            } finally {
                onCancel.close();
                scheduler.shutdownNow();
            }
            progress();
            List<EndpointResult> results = endpoints.stream().map(Endpoint::result).toList();
            boolean allHealthy = results.stream().allMatch(EndpointResult::healthy);
            return new VerifyResult(allHealthy, results, Duration.ofNanos(System.nanoTime() - start), cancelled);
        }

        private static String describe(HealthCheck c) {
            return ": " + c.successThreshold() + " passing attempt(s) in a row needed, every "
                    + Durations.format(c.interval()) + ", status " + c.status() + ", attempt timeout "
                    + Durations.format(c.attemptTimeout()) + ", overall timeout " + Durations.format(c.timeout());
        }

        private synchronized void progress() {
            int h = healthy.get();
            if (h != lastProgress) {
                lastProgress = h;
                log.info("Progress: " + h + "/" + endpoints.size() + " endpoint(s) healthy");
            }
        }

        /** Decides every endpoint still undecided as failed: one failure decides the release. */
        private void stopAll(String reason) {
            stopped = true;
            for (Endpoint e : endpoints) {
                e.decide(false, reason);
            }
        }

        /** One endpoint's state; all fields guarded by the endpoint's lock. */
        private final class Endpoint {
            final HealthCheck check;
            final Request request;
            long[] latencies = new long[16];
            int latencyCount;
            int attempts;
            int successesInARow;
            int failuresInARow;
            boolean passedOnce;
            boolean answeredOnce;
            Integer lastStatus;
            String lastError;
            String lastLoggedBody;
            Boolean decided;
            String reason;
            Call inFlight;
            ScheduledFuture<?> ticks;
            ScheduledFuture<?> deadline;

            Endpoint(HealthCheck check) {
                this.check = check;
                Request.Builder b = new Request.Builder().url(check.url());
                check.headers().forEach(b::header);
                b.method(check.method().name(), null);
                this.request = b.build();
            }

            synchronized void start() {
                if (decided != null) {
                    return;
                }
                ticks = scheduler.scheduleAtFixedRate(this::tick, check.initialDelay().toNanos(),
                        check.interval().toNanos(), TimeUnit.NANOSECONDS);
                deadline = scheduler.schedule(this::timedOut, check.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }

            void timedOut() {
                String why;
                synchronized (this) {
                    why = "not healthy within " + Durations.format(check.timeout()) + " after " + attempts
                            + " attempt(s)" + (lastError == null ? "" : " (last: " + lastError + ")");
                }
                decide(false, why);
            }

            synchronized void tick() {
                if (decided != null || inFlight != null) {
                    return;
                }
                Call call = client.newCall(request);
                call.timeout().timeout(check.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
                inFlight = call;
                long sent = System.nanoTime();
                call.enqueue(new Callback() {
                    @Override
                    public void onResponse(Call c, Response response) {
                        Attempt a;
                        try (response) {
                            a = evaluate(response, sent);
                        } catch (IOException e) {
                            a = Attempt.error(describe(e), millisSince(sent));
                        }
                        finished(c, a);
                    }

                    @Override
                    public void onFailure(Call c, IOException e) {
                        finished(c, Attempt.error(describe(e), millisSince(sent)));
                    }
                });
            }

            private String describe(IOException e) {
                if (e instanceof ConnectException) {
                    return "connection refused";
                }
                if (e instanceof UnknownHostException) {
                    return "DNS: unknown host " + check.url().host();
                }
                if (e instanceof SSLException) {
                    return "TLS: " + rootMessage(secrets, e);
                }
                if (e instanceof InterruptedIOException) {
                    return "timed out after " + Durations.format(check.attemptTimeout());
                }
                return e.getClass().getSimpleName() + ": " + rootMessage(secrets, e);
            }

            private Attempt evaluate(Response response, long sent) throws IOException {
                int status = response.code();
                byte[] body = check.method() == HealthCheck.Method.HEAD ? new byte[0]
                        : response.peekBody(READ_BODY_BYTES).bytes();
                long latency = millisSince(sent);
                String text = new String(body, StandardCharsets.UTF_8);
                if (!check.status().accepts(status)) {
                    return Attempt.wrong(status, "status " + status + " is not in " + check.status(), latency, body);
                }
                if (check.bodyRegex() != null && !check.bodyRegex().matcher(text).find()) {
                    return Attempt.wrong(status, "body does not contain /" + check.bodyRegex() + "/", latency, body);
                }
                if (check.jsonPointer() != null) {
                    String problem = jsonProblem(text);
                    if (problem != null) {
                        return Attempt.wrong(status, problem, latency, body);
                    }
                }
                return new Attempt(true, status, null, latency, null);
            }

            private String jsonProblem(String text) {
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(text);
                } catch (IOException e) {
                    return "body is not JSON";
                }
                JsonNode at = node == null ? null : node.at(check.jsonPointer());
                if (at == null || at.isMissingNode() || at.isNull()) {
                    return "JSON has no value at " + check.jsonPointer();
                }
                String value = at.isValueNode() ? at.asText() : at.toString();
                if (check.jsonExpect() != null && !check.jsonExpect().equals(value)) {
                    return "JSON " + check.jsonPointer() + " is " + quote(secrets, value) + ", expected "
                            + quote(secrets, check.jsonExpect());
                }
                if (check.jsonExpectRegex() != null && !check.jsonExpectRegex().matcher(value).matches()) {
                    return "JSON " + check.jsonPointer() + " is " + quote(secrets, value) + ", expected to match /"
                            + check.jsonExpectRegex() + "/";
                }
                return null;
            }

            void finished(Call call, Attempt a) {
                String line;
                String bodyToLog = null;
                Boolean verdict = null;
                String failure = null;
                synchronized (this) {
                    if (inFlight == call) {
                        inFlight = null;
                    }
                    if (decided != null) {
                        // Decided while this attempt ran (deadline, another endpoint failed, cancel):
                        // its answer no longer counts.
                        return;
                    }
                    attempts++;
                    if (a.status != null) {
                        if (!answeredOnce && !passedOnce) {
                            // What failed before the first answer was a server not up yet: it does not count.
                            failuresInARow = 0;
                        }
                        lastStatus = a.status;
                        answeredOnce = true;
                        recordLatency(a.latencyMs);
                    }
                    // A server that has answered is up: with wrongAnswersCount its failures count from then on.
                    boolean counting = passedOnce || check.wrongAnswersCount() && answeredOnce;
                    String progress;
                    if (a.passed) {
                        successesInARow++;
                        failuresInARow = 0;
                        passedOnce = true;
                        progress = "pass " + successesInARow + "/" + check.successThreshold();
                    } else {
                        successesInARow = 0;
                        failuresInARow++;
                        lastError = secrets.mask(a.error);
                        progress = counting
                                ? "failure " + failuresInARow + "/" + check.failureThreshold() + " in a row"
                                : "not yet";
                        if (a.body != null && a.body.length > 0) {
                            String cut = secrets.maskThenCut(new String(a.body, StandardCharsets.UTF_8),
                                    LOGGED_BODY_CHARS);
                            if (!cut.equals(lastLoggedBody)) {
                                lastLoggedBody = cut;
                                bodyToLog = cut;
                            }
                        }
                    }
                    if (successesInARow >= check.successThreshold()) {
                        verdict = true;
                    } else if (counting && failuresInARow >= check.failureThreshold()) {
                        verdict = false;
                        failure = "failed " + failuresInARow + " attempt(s) in a row after it had "
                                + (passedOnce ? "passed" : "answered") + " (last: " + lastError + ")";
                    }
                    line = check + " -> " + (a.status != null ? a.status + " in " + a.latencyMs + " ms" : a.error
                            + " after " + a.latencyMs + " ms") + (a.passed || a.status == null ? "" : ": " + a.error)
                            + " (" + progress + ")";
                }
                log.info(line);
                if (bodyToLog != null) {
                    log.info("  body of the failing answer (at most " + LOGGED_BODY_CHARS + " characters, secrets masked):");
                    bodyToLog.lines().forEach(l -> log.info("  | " + l));
                }
                // Decided outside this endpoint's lock: a failure stops the other endpoints, and
                // taking their locks while holding this one could deadlock with one failing at once.
                if (verdict != null) {
                    decide(verdict, failure);
                }
            }

            private void recordLatency(long ms) {
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencyCount * 2);
                }
                latencies[latencyCount++] = ms;
            }

            /**
             * Decides the endpoint once; later calls do nothing. Must be called without holding any
             * endpoint's lock (a failure goes on to decide the others).
             *
             * @param ok whether it is healthy
             * @param why the reason when it is not
             */
            void decide(boolean ok, String why) {
                boolean failedFirst;
                synchronized (this) {
                    if (decided != null) {
                        return;
                    }
                    decided = ok;
                    reason = ok ? null : secrets.mask(why);
                    if (ticks != null) {
                        ticks.cancel(false);
                    }
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                    if (inFlight != null) {
                        inFlight.cancel();
                    }
                    failedFirst = !ok && !stopped;
                }
                if (ok) {
                    healthy.incrementAndGet();
                    log.info(check.url() + " is healthy after " + attempts + " attempt(s)");
                } else if (failedFirst) {
                    log.error(check.url() + ": " + reason);
                }
                undecided.countDown();
                if (failedFirst) {
                    stopAll("stopped: " + secrets.mask(check.url().toString()) + " failed");
                }
            }

            synchronized EndpointResult result() {
                Long median = null;
                Long max = null;
                if (latencyCount > 0) {
                    long[] sorted = Arrays.copyOf(latencies, latencyCount);
                    Arrays.sort(sorted);
                    median = latencyCount % 2 == 1 ? sorted[latencyCount / 2]
                            : (sorted[latencyCount / 2 - 1] + sorted[latencyCount / 2]) / 2;
                    max = sorted[latencyCount - 1];
                }
                return new EndpointResult(secrets.mask(check.url().toString()), Boolean.TRUE.equals(decided), attempts,
                        successesInARow, lastStatus, lastError, median, max, reason);
            }
        }
    }

    /** One finished attempt. */
    private record Attempt(boolean passed, Integer status, String error, long latencyMs, byte[] body) {
        static Attempt error(String error, long latencyMs) {
            return new Attempt(false, null, error, latencyMs, null);
        }

        static Attempt wrong(int status, String why, long latencyMs, byte[] body) {
            return new Attempt(false, status, why, latencyMs, body);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static String quote(SecretMasker secrets, String s) {
        return "\"" + secrets.maskThenCut(s, QUOTED_CHARS) + "\"";
    }

    private static String rootMessage(SecretMasker secrets, Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return secrets.maskThenCut(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), 2 * QUOTED_CHARS);
    }
}
