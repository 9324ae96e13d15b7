package io.jenkins.plugins.immutabledeploy.engine.verify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on loopback whose answers a test scripts: the n-th request (from 1) gets
 * {@code behaviour.answer(n, path)}. It remembers when each request arrived and its headers.
 */
public final class HealthServer implements AutoCloseable {
    /** What the server answers. */
    @FunctionalInterface
    public interface Behaviour {
        /**
         * @param n the request's number, from 1
         * @param path the request path
         * @return the answer
         */
        Answer answer(int n, String path) throws Exception;
    }

    /**
     * One answer.
     *
     * @param status the status code
     * @param body the body
     * @param delayMs how long to wait before answering
     */
    public record Answer(int status, String body, long delayMs) {
        /** @return a 200 with the given body */
        public static Answer ok(String body) {
            return new Answer(200, body, 0);
        }

        /** @return a status with the given body */
        public static Answer of(int status, String body) {
            return new Answer(status, body, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final AtomicInteger count = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<Headers> headers = new CopyOnWriteArrayList<>();

    private HealthServer(HttpServer server, Behaviour behaviour) {
        this.server = server;
        server.createContext("/", ex -> handle(ex, behaviour));
        server.setExecutor(executor);
        server.start();
    }

    /** @return a plain HTTP server on a free loopback port */
    public static HealthServer http(Behaviour behaviour) throws IOException {
        return onPort(0, behaviour);
    }

    /** @return a plain HTTP server on the given loopback port */
    public static HealthServer onPort(int port, Behaviour behaviour) throws IOException {
        return new HealthServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200),
                behaviour);
    }

    /** @return an HTTPS server on a free loopback port presenting the context's certificate */
    public static HealthServer https(SSLContext context, Behaviour behaviour) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        s.setHttpsConfigurator(new HttpsConfigurator(context));
        return new HealthServer(s, behaviour);
    }

    /** @return a loopback port that nothing listens on (it was free a moment ago) */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void handle(HttpExchange ex, Behaviour behaviour) throws IOException {
        arrivals.add(System.nanoTime());
        headers.add(ex.getRequestHeaders());
        try (ex) {
            Answer a = behaviour.answer(count.incrementAndGet(), ex.getRequestURI().getPath());
            if (a.delayMs() > 0) {
                Thread.sleep(a.delayMs());
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client gave up (attempt timeout): nothing to answer
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * @param path the path, starting with /
     * @return the URL of that path on this server
     */
    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @return the number of requests received */
    public int requests() {
        return count.get();
    }

    /** @return when each request arrived ({@link System#nanoTime()}) */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** @return each request's headers */
    public List<Headers> headers() {
        return List.copyOf(headers);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
