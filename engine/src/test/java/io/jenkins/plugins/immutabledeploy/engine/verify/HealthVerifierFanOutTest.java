package io.jenkins.plugins.immutabledeploy.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many endpoints, each a server of its own, as the servers of a large deploy are. */
class HealthVerifierFanOutTest {
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
            + "{\"status\":\"UP\"}").getBytes(StandardCharsets.US_ASCII);

    private final List<ServerSocket> servers = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void stopServers() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    /**
     * Issue 18: the shared client keeps 64 idle connections, so with more endpoints than that most
     * connections were closed after each round of attempts and opened again for the next one.
     */
    @Test
    void withMoreEndpointsThanTheSharedPoolKeepsEachEndpointsConnectionIsKeptForItsNextAttempt() throws IOException {
        int endpoints = HttpClients.MAX_IDLE_CONNECTIONS + 36;
        List<HealthCheck> checks = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            checks.add(HealthCheck.builder("http://127.0.0.1:" + serve() + "/health")
                    .interval(Duration.ofMillis(300))
                    .successThreshold(3)
                    .attemptTimeout(Duration.ofSeconds(5))
                    .timeout(Duration.ofSeconds(60))
                    .jsonPointer("/status")
                    .jsonExpect("UP")
                    .build());
        }

        VerifyResult r = new HealthVerifier().verify(VerifyRequest.builder().checks(checks).build(),
                new BuildLog(line -> { }, new SecretMasker()), Cancellation.none());

        assertThat(r.healthy()).as(r.summary()).isTrue();
        assertThat(r.endpoints()).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(3));
        assertThat(connections.get()).as("connections opened for %d endpoints x 3 attempts", endpoints)
                .isEqualTo(endpoints);
    }

    /** A server that answers every request on a kept-alive connection and counts the connections. */
    private int serve() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> answer(s));
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        });
        accept.setDaemon(true);
        accept.start();
        return server.getLocalPort();
    }

    private static void answer(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                // the end of a request head: \r\n\r\n (health checks send no body)
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                if (matched == 4) {
                    out.write(ANSWER);
                    out.flush();
                    matched = 0;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
