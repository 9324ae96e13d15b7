package io.jenkins.plugins.immutabledeploy.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void variantsShareTheBaseClientsPoolThreadsAndProxy() {
        OkHttpClient base = HttpClients.shared().newBuilder().proxy(java.net.Proxy.NO_PROXY).build();
        OkHttpClient insecure = HttpClients.insecure(base);

        assertThat(insecure.connectionPool()).isSameAs(HttpClients.shared().connectionPool());
        assertThat(insecure.dispatcher()).isSameAs(HttpClients.shared().dispatcher());
        assertThat(insecure.proxy()).isSameAs(java.net.Proxy.NO_PROXY);
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> HttpClients.withCaFile(HttpClients.shared(), Path.of("/etc/hostname")))
                .hasMessageStartingWith("caFile: /etc/hostname ");
    }

    @Test
    void aCancelEndsACallThatIsWaitingForASlowServer() throws Exception {
        server.enqueue(new MockResponse.Builder().body("late").headersDelay(30, TimeUnit.SECONDS).build());
        Cancellation cancellation = new Cancellation();
        Request request = new Request.Builder().url(server.url("/slow")).build();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try (Response r = HttpClients.execute(HttpClients.shared(), request, cancellation)) {
                return r.body().string();
            } catch (IOException e) {
                return "failed: " + e.getMessage();
            }
        });
        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        long start = System.nanoTime();

        cancellation.cancel();

        // OkHttp says "Canceled" or "Socket closed", depending on where the call was.
        assertThat(call.get(1, TimeUnit.SECONDS)).startsWith("failed: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aCancelledRunSendsNothing() {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        assertThatThrownBy(() -> HttpClients.execute(HttpClients.shared(),
                new Request.Builder().url(server.url("/")).build(), cancelled)).isInstanceOf(IOException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
