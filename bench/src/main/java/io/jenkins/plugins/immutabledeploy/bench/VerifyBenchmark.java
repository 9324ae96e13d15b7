package io.jenkins.plugins.immutabledeploy.bench;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthCheck;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One verification of 500 endpoints, each needing 3 passing attempts in a row at a 1 s interval,
 * against real HTTP servers on loopback (4 JDK servers, 125 paths each, answering
 * {@code {"status":"UP"}} and checked with a JSON pointer). The wall time has a floor set by the
 * schedule: the first attempt starts at once, so the third starts 2 s later; what the engine adds
 * on top is the cost of 1,500 requests, their log lines and the bookkeeping. The goal is 3.3 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class VerifyBenchmark {
    private static final int ENDPOINTS = 500;
    private static final int SERVERS = 4;
    private static final byte[] BODY = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final AtomicLong logLines = new AtomicLong();
    private VerifyRequest request;

    /** Starts the servers and builds the request. */
    @Setup
    public void start() throws IOException {
        List<HealthCheck> checks = new ArrayList<>();
        for (int s = 0; s < SERVERS; s++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.createContext("/", ex -> {
                try (ex) {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, BODY.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(BODY);
                    }
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(8);
            server.setExecutor(pool);
            server.start();
            servers.add(server);
            pools.add(pool);
            for (int i = 0; i < ENDPOINTS / SERVERS; i++) {
                checks.add(HealthCheck.builder("http://127.0.0.1:" + server.getAddress().getPort() + "/node/" + i + "/health")
                        .interval(Duration.ofSeconds(1))
                        .successThreshold(3)
                        .jsonPointer("/status")
                        .jsonExpect("UP")
                        .build());
            }
        }
        request = VerifyRequest.builder().checks(checks).build();
    }

    /** Stops the servers. */
    @TearDown
    public void stop() {
        servers.forEach(s -> s.stop(0));
        pools.forEach(ExecutorService::shutdownNow);
    }

    /**
     * Verifies the 500 endpoints.
     *
     * @return the result (so the work is not optimised away)
     */
    @Benchmark
    public VerifyResult fiveHundredEndpointsThreePassesOneSecondApart() {
        VerifyResult r = new HealthVerifier().verify(request,
                new BuildLog(line -> logLines.incrementAndGet(), new SecretMasker()), Cancellation.none());
        if (!r.healthy()) {
            throw new IllegalStateException("the endpoints did not verify: " + r.summary());
        }
        return r;
    }
}
