package io.jenkins.plugins.immutabledeploy.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthVerifierTest {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final BuildLog log = new BuildLog(lines::add, new SecretMasker());

    private static HealthCheck.Builder fast(String url) {
        return HealthCheck.builder(url)
                .interval(Duration.ofMillis(50))
                .attemptTimeout(Duration.ofMillis(500))
                .timeout(Duration.ofSeconds(20));
    }

    private VerifyResult verify(HealthCheck... checks) {
        return new HealthVerifier().verify(VerifyRequest.builder().checks(List.of(checks)).build(), log,
                Cancellation.none());
    }

    private String logText() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Test
    void anEndpointThatRefusesConnectionsAtFirstPassesOnceItComesUp() throws Exception {
        int port = HealthServer.freePort();
        CompletableFuture<VerifyResult> run = CompletableFuture.supplyAsync(() -> verify(
                fast("http://127.0.0.1:" + port + "/health").build()));
        Thread.sleep(400);
        try (HealthServer server = HealthServer.onPort(port, (n, p) -> Answer.ok("ok"))) {
            VerifyResult r = run.get(20, TimeUnit.SECONDS);

            assertThat(r.healthy()).isTrue();
            EndpointResult e = r.endpoints().get(0);
            assertThat(e.healthy()).isTrue();
            assertThat(e.consecutiveSuccesses()).isEqualTo(3);
            assertThat(e.attempts()).isGreaterThan(3);
            assertThat(e.lastStatus()).isEqualTo(200);
            assertThat(e.latencyMsMedian()).isNotNull();
            assertThat(server.requests()).isEqualTo(3);
            assertThat(logText()).contains("connection refused").contains("(not yet)").contains("(pass 3/3)")
                    .contains("Progress: 1/1 endpoint(s) healthy");
        }
    }

    @Test
    void anEndpointThatFlapsAfterPassingFailsWithoutWaitingForTheOverallTimeout() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> n == 1 ? Answer.ok("up") : Answer.of(503, "down"))) {
            long start = System.nanoTime();
            VerifyResult r = verify(fast(server.url("/health")).timeout(Duration.ofMinutes(5)).build());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(r.healthy()).isFalse();
            assertThat(ms).isLessThan(5_000);
            EndpointResult e = r.endpoints().get(0);
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.lastStatus()).isEqualTo(503);
            assertThat(e.reason()).isEqualTo("failed 3 attempt(s) in a row after it had passed"
                    + " (last: status 503 is not in 200:299)");
            assertThat(logText()).contains("(failure 3/3 in a row)").contains("ERROR: " + server.url("/health"));
        }
    }

    @Test
    void manyEndpointsFailingAtOnceEndTheRunAndEveryEndpointSaysWhy() throws Exception {
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> perPath = new java.util.concurrent.ConcurrentHashMap<>();
        try (HealthServer server = HealthServer.http((n, p) -> perPath.computeIfAbsent(p,
                k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet() == 1
                ? Answer.ok("up") : Answer.of(500, "down"))) {
            List<HealthCheck> checks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                checks.add(fast(server.url("/n" + i)).failureThreshold(1).timeout(Duration.ofMinutes(5)).build());
            }
            VerifyResult r = CompletableFuture.supplyAsync(() -> verify(checks.toArray(HealthCheck[]::new)))
                    .get(20, TimeUnit.SECONDS);

            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints()).allSatisfy(e -> assertThat(e.reason()).satisfiesAnyOf(
                    reason -> assertThat(reason).startsWith("failed 1 attempt(s) in a row after it had passed"),
                    reason -> assertThat(reason).startsWith("stopped: http://127.0.0.1:")));
        }
    }

    @Test
    void failuresBeforeTheFirstPassOnlyMeanNotYet() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> n <= 6 ? Answer.of(503, "warming up") : Answer.ok("up"))) {
            VerifyResult r = verify(fast(server.url("/health")).build());

            assertThat(r.healthy()).isTrue();
            assertThat(r.endpoints().get(0).attempts()).isEqualTo(9);
            assertThat(logText()).contains("body of the failing answer").contains("  | warming up");
            // The same failing body is logged once, not once per attempt.
            assertThat(lines.stream().filter(l -> l.equals("  | warming up")).count()).isEqualTo(1);
        }
    }

    @Test
    void withWrongAnswersCountingAServerThatAnswersWronglyFailsAfterTheThresholdCountedFromItsFirstAnswer()
            throws Exception {
        int port = HealthServer.freePort();
        HealthCheck counting = fast("http://127.0.0.1:" + port + "/health").timeout(Duration.ofMinutes(5))
                .wrongAnswersCount(true).build();
        CompletableFuture<VerifyResult> run = CompletableFuture.supplyAsync(() -> verify(counting));
        // Refused at first: a server not up yet is waited for, and those attempts do not count.
        Thread.sleep(400);
        try (HealthServer server = HealthServer.onPort(port, (n, p) -> Answer.of(500, "boom"))) {
            long start = System.nanoTime();
            VerifyResult r = run.get(20, TimeUnit.SECONDS);

            assertThat(r.healthy()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThat(server.requests()).isEqualTo(3);
            assertThat(r.endpoints().get(0).reason()).isEqualTo("failed 3 attempt(s) in a row after it had answered"
                    + " (last: status 500 is not in 200:299)");
            assertThat(logText()).contains("connection refused", "(not yet)", "(failure 3/3 in a row)");
        }
    }

    @Test
    void aSlowAnswerTimesOutPerAttemptAndTheEndpointFailsAtTheOverallTimeout() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> new Answer(200, "late", 1_000))) {
            long start = System.nanoTime();
            VerifyResult r = verify(fast(server.url("/slow"))
                    .attemptTimeout(Duration.ofMillis(200))
                    .interval(Duration.ofMillis(250))
                    .timeout(Duration.ofMillis(1_300))
                    .build());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            EndpointResult e = r.endpoints().get(0);
            assertThat(r.healthy()).isFalse();
            assertThat(e.lastError()).isEqualTo("timed out after 200ms");
            assertThat(e.lastStatus()).isNull();
            assertThat(e.latencyMsMedian()).isNull();
            assertThat(e.attempts()).isBetween(4, 6);
            assertThat(e.reason()).startsWith("not healthy within 1s");
            assertThat(ms).isBetween(1_200L, 3_000L);
            assertThat(logText()).contains("timed out after 200ms after");
        }
    }

    @Test
    void aWrongBodyFailsAndTheLoggedBodyIsAShortExcerpt() throws Exception {
        String big = "starting " + "x".repeat(3000);
        try (HealthServer server = HealthServer.http((n, p) -> Answer.ok(big))) {
            VerifyResult r = verify(fast(server.url("/health")).bodyRegex("ready|UP").timeout(Duration.ofMillis(500)).build());

            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints().get(0).lastError()).isEqualTo("body does not contain /ready|UP/");
            assertThat(r.endpoints().get(0).lastStatus()).isEqualTo(200);
            assertThat(logText()).contains("body of the failing answer (at most 200 characters, secrets masked):");
            String bodyLine = lines.stream().filter(l -> l.startsWith("  | starting")).findFirst().orElseThrow();
            assertThat(bodyLine).isEqualTo("  | " + big.substring(0, HealthVerifier.LOGGED_BODY_CHARS) + "...");
        }
    }

    @Test
    void aFailingBodyThatEchoesTheSecretHeaderShowsNoPieceOfIt() throws Exception {
        String token = "hc-S3cretT0ken-0123456789abcdef";
        // The token lies across where the excerpt, and where the old 1 KB cut, would end.
        String echo = "x".repeat(HealthVerifier.LOGGED_BODY_CHARS - 10) + token + " " + "y".repeat(793) + token;
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(401, echo))) {
            VerifyResult r = verify(fast(server.url("/health")).secretHeader("X-Token", token)
                    .timeout(Duration.ofMillis(400)).build());

            assertThat(r.healthy()).isFalse();
            assertThat(logText()).contains("  | xxx").contains("****").doesNotContain(token.substring(0, 5));
        }
    }

    @Test
    void aJsonValueHoldingASecretIsMaskedBeforeItIsQuoted() throws Exception {
        String token = "hc-S3cretT0ken-0123456789abcdef";
        String value = "v".repeat(95) + token;
        try (HealthServer server = HealthServer.http((n, p) -> Answer.ok("{\"status\":\"" + value + "\"}"))) {
            VerifyResult r = verify(fast(server.url("/health")).secretHeader("X-Token", token).jsonPointer("/status")
                    .jsonExpect("UP").timeout(Duration.ofMillis(400)).build());

            assertThat(r.endpoints().get(0).lastError()).startsWith("JSON /status is \"vvv").contains("****")
                    .doesNotContain(token.substring(0, 5));
            assertThat(logText()).doesNotContain(token.substring(0, 5));
        }
    }

    @Test
    void aWrongJsonValueFailsAndTheExpectedOnePasses() throws Exception {
        try (HealthServer down = HealthServer.http((n, p) -> Answer.ok("{\"status\":\"DOWN\",\"checks\":[]}"));
                HealthServer up = HealthServer.http((n, p) -> Answer.ok("{\"status\":\"UP\",\"version\":\"v2\"}"))) {
            VerifyResult r = verify(
                    fast(down.url("/actuator/health")).jsonPointer("/status").jsonExpect("UP").timeout(Duration.ofMillis(600)).build(),
                    fast(up.url("/actuator/health")).jsonPointer("/status").jsonExpect("UP").build());

            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints().get(0).lastError()).isEqualTo("JSON /status is \"DOWN\", expected \"UP\"");
            // One endpoint failing decides the run; the other, already healthy or not, is reported as it stood.
            assertThat(r.endpoints().get(1).url()).isEqualTo(up.url("/actuator/health"));
        }
        try (HealthServer v = HealthServer.http((n, p) -> Answer.ok("{\"app\":{\"version\":\"v2.3.1\"}}"))) {
            assertThat(verify(fast(v.url("/")).jsonPointer("/app/version").jsonExpectRegex("v2\\..*").build()).healthy())
                    .isTrue();
            assertThat(verify(fast(v.url("/")).jsonPointer("/app/missing").timeout(Duration.ofMillis(300)).build())
                    .endpoints().get(0).lastError()).isEqualTo("JSON has no value at /app/missing");
        }
    }

    @Test
    void aSelfSignedServerPassesWithItsCaFileAndFailsWithout(@TempDir Path dir) throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("127.0.0.1")
                .commonName("127.0.0.1").build();
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        try (HealthServer server = HealthServer.https(serverCerts.sslContext(), (n, p) -> Answer.ok("ok"))) {
            HealthCheck check = fast(server.url("/health")).timeout(Duration.ofMillis(800)).build();
            // A cold JVM's first handshakes on a busy machine can take longer than 800 ms; passing ends the
            // check at once, so a long limit costs nothing.
            HealthCheck patient = fast(server.url("/health")).timeout(Duration.ofSeconds(15)).build();

            VerifyResult trusted = new HealthVerifier().verify(
                    VerifyRequest.builder().check(patient).caFile(caFile).build(), log, Cancellation.none());
            assertThat(trusted.healthy()).isTrue();

            VerifyResult untrusted = verify(check);
            assertThat(untrusted.healthy()).isFalse();
            assertThat(untrusted.endpoints().get(0).lastError()).startsWith("TLS: ");
            assertThat(untrusted.endpoints().get(0).lastStatus()).isNull();

            lines.clear();
            VerifyResult insecure = new HealthVerifier().verify(
                    VerifyRequest.builder().check(patient).insecure(true).build(), log, Cancellation.none());
            assertThat(insecure.healthy()).isTrue();
            assertThat(lines.get(0)).startsWith("WARNING: TLS verification is OFF (insecure: true)");
            lines.clear();
            new HealthVerifier().verify(VerifyRequest.builder().check(check).insecure(true)
                    .names(io.jenkins.plugins.immutabledeploy.engine.Vocabulary.OPTIONS).build(), log, Cancellation.none());
            assertThat(lines.get(0)).startsWith("WARNING: TLS verification is OFF (--insecure)");
        }
    }

    @Test
    void fiveHundredEndpointsAreCheckedInParallelInOneRun() throws Exception {
        try (HealthServer a = HealthServer.http((n, p) -> Answer.ok("ok"));
                HealthServer b = HealthServer.http((n, p) -> Answer.ok("ok"))) {
            List<HealthCheck> checks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                checks.add(HealthCheck.builder((i % 2 == 0 ? a : b).url("/node/" + i))
                        .interval(Duration.ofMillis(300)).timeout(Duration.ofSeconds(30)).build());
            }
            long start = System.nanoTime();
            VerifyResult r = new HealthVerifier().verify(VerifyRequest.builder().checks(checks).build(), log,
                    Cancellation.none());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(r.healthy()).isTrue();
            assertThat(r.endpoints()).hasSize(500).allSatisfy(e -> {
                assertThat(e.healthy()).isTrue();
                assertThat(e.attempts()).isEqualTo(3);
            });
            assertThat(a.requests() + b.requests()).isEqualTo(1500);
            // Sequential checking would take 500 x 2 intervals; in parallel it is about 2 intervals.
            assertThat(ms).isLessThan(10_000);
            assertThat(logText()).contains("Progress: 500/500 endpoint(s) healthy");
        }
    }

    @Test
    void attemptsStartAfterTheInitialDelayAndThenOnTheIntervalWhateverTheirLatency() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> new Answer(200, "ok", 60))) {
            long start = System.nanoTime();
            verify(HealthCheck.builder(server.url("/")).initialDelay(Duration.ofMillis(400))
                    .interval(Duration.ofMillis(150)).successThreshold(6).build());

            List<Long> t = server.arrivals();
            assertThat(t).hasSize(6);
            assertThat((t.get(0) - start) / 1e6).isGreaterThanOrEqualTo(400.0);
            double meanGapMs = (t.get(5) - t.get(0)) / 5 / 1e6;
            // With drift each gap would be interval + latency = 210 ms.
            assertThat(meanGapMs).isBetween(140.0, 190.0);
        }
    }

    @Test
    void aSecretHeaderValueReachesTheServerButNeverTheLogOrTheResult() throws Exception {
        String token = "tok-9f8e7d6c5b4a-secret";
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(401, "{\"error\":\"bad token Bearer " + token + "\"}"))) {
            VerifyResult r = verify(fast(server.url("/health?auth=Bearer%20" + token))
                    .secretHeader("Authorization", "Bearer " + token)
                    .header("X-Probe", "immutable-deploy")
                    .timeout(Duration.ofMillis(400)).build());

            assertThat(server.headers().get(0).getFirst("Authorization")).isEqualTo("Bearer " + token);
            assertThat(server.headers().get(0).getFirst("X-Probe")).isEqualTo("immutable-deploy");
            String all = logText() + Json.write(r.toMap()) + r.summary();
            assertThat(all).doesNotContain(token).doesNotContain("tok-9f8e7d6c5b4a").contains("****");
        }
    }

    @Test
    void aServerThatClosesEveryConnectionAfterAnsweringIsHealthy() throws Exception {
        // An HTTP/1.0-style server: it answers, then closes the connection the client pooled.
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket s = socket.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();

            VerifyResult r = verify(fast("http://127.0.0.1:" + socket.getLocalPort() + "/").successThreshold(5).build());

            assertThat(r.healthy()).as(logText()).isTrue();
            assertThat(r.endpoints().get(0).attempts()).isEqualTo(5);
        }
    }

    @Test
    void aCancelStopsTheChecksAtOnce() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(503, "no"))) {
            Cancellation cancel = new Cancellation();
            CompletableFuture<VerifyResult> run = CompletableFuture.supplyAsync(() -> new HealthVerifier().verify(
                    VerifyRequest.builder().check(fast(server.url("/")).timeout(Duration.ofMinutes(5)).build()).build(),
                    log, cancel));
            Thread.sleep(300);
            cancel.cancel();
            VerifyResult r = run.get(2, TimeUnit.SECONDS);

            assertThat(r.cancelled()).isTrue();
            assertThat(r.healthy()).isFalse();
            assertThat(r.endpoints().get(0).reason()).isEqualTo("cancelled");
        }
    }

    @Test
    void headChecksStatusOnlyAndAnAcceptedRedirectIsNotFollowed() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(301, ""))) {
            VerifyResult r = verify(fast(server.url("/")).method("head").status(StatusRanges.parse("status", "200:299,301"))
                    .successThreshold(2).build());

            assertThat(r.healthy()).isTrue();
            assertThat(r.endpoints().get(0).lastStatus()).isEqualTo(301);
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    void theResultMapHasTheDocumentedKeys() throws Exception {
        try (HealthServer server = HealthServer.http((n, p) -> Answer.ok("ok"))) {
            VerifyResult r = verify(fast(server.url("/")).successThreshold(1).build());

            assertThat(r.toMap()).containsOnlyKeys("healthy", "endpoints", "durationSeconds", "cancelled");
            @SuppressWarnings("unchecked")
            var e = (java.util.Map<String, Object>) ((List<?>) r.toMap().get("endpoints")).get(0);
            assertThat(e).containsOnlyKeys("url", "healthy", "attempts", "consecutiveSuccesses", "lastStatus",
                    "lastError", "latencyMsMedian", "latencyMsMax", "reason");
            assertThat(e.get("healthy")).isEqualTo(true);
            assertThat(e.get("attempts")).isEqualTo(1);
        }
    }
}
