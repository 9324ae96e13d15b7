package io.jenkins.plugins.immutabledeploy.bench;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthCheck;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's verification of N endpoints (the ports {@link LoopbackServers} wrote), each needing
 * 3 passing attempts 1 s apart, timed inside one JVM: the first verification (a fresh JVM, as the
 * CLI runs it) and then a second one (a warm JVM, as in Jenkins). The schedule's floor is 2 s: the
 * first attempt goes out at once, the third 2 s later. Prints {@code first_ms second_ms} (more with a
 * second argument: how many verifications to run).
 *
 * <p>Uses only API that the measured "before" revision has too, so scripts/bench.sh compiles this
 * file against both builds.
 */
public final class VerifyFanOut {
    private VerifyFanOut() {}

    /**
     * @param args the file of ports; optionally how many verifications to run one after the other (default 2)
     */
    public static void main(String[] args) throws Exception {
        List<HealthCheck> checks = new ArrayList<>();
        for (String port : Files.readAllLines(Path.of(args[0]))) {
            if (!port.isBlank()) {
                checks.add(HealthCheck.builder("http://127.0.0.1:" + port.trim() + "/health")
                        .interval(Duration.ofSeconds(1))
                        .successThreshold(3)
                        .attemptTimeout(Duration.ofSeconds(5))
                        .jsonPointer("/status")
                        .jsonExpect("UP")
                        .build());
            }
        }
        VerifyRequest request = VerifyRequest.builder().checks(checks).build();
        AtomicLong lines = new AtomicLong();
        StringBuilder out = new StringBuilder();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int round = 0; round < rounds; round++) {
            long t = System.nanoTime();
            VerifyResult r = new HealthVerifier().verify(request,
                    new BuildLog(line -> lines.incrementAndGet(), new SecretMasker()), Cancellation.none());
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (!r.healthy()) {
                System.err.println("the endpoints did not verify: " + r.summary());
                System.exit(1);
            }
            out.append(round == 0 ? "" : " ").append(ms);
        }
        System.out.println(out);
        System.exit(0);
    }
}
