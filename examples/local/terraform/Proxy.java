import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The example's stable address, in the part of the DigitalOcean example's reserved IP (or a load
 * balancer): {@code java Proxy.java HOST PORT TARGET_FILE} listens on HOST:PORT and forwards every
 * request to the server whose {@code host:port} is in TARGET_FILE.
 *
 * <p>The file is read on every request, so switching the address is replacing that file with
 * {@code mv}, an atomic rename: each request goes wholly to the old server or wholly to the new
 * one, and none fails because of the switch. Like a load balancer it tells the server where the
 * request came from ({@code X-Forwarded-For}, {@code -Host}, {@code -Proto}); a release that
 * mishandles those headers breaks only behind this address.
 */
public class Proxy {
    /** What the server's answer keeps on its way back: which release answered, and where it redirects. */
    private static final List<String> PASSED_BACK = List.of("Content-Type", "Location", "X-Release");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java Proxy.java HOST PORT TARGET_FILE");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path targetFile = Path.of(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", ex -> {
            String target;
            try {
                target = Files.readString(targetFile).trim();
            } catch (IOException e) {
                error(ex, "the address is not assigned to a server");
                return;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + target + ex.getRequestURI())
                        .toURL().openConnection();
                c.setRequestMethod(ex.getRequestMethod());
                c.setInstanceFollowRedirects(false); // a redirect is the server's answer, for the client
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                c.setRequestProperty("X-Forwarded-For", ex.getRemoteAddress().getAddress().getHostAddress());
                c.setRequestProperty("X-Forwarded-Host", ex.getRequestHeaders().getFirst("Host"));
                c.setRequestProperty("X-Forwarded-Proto", "http");
                int status = c.getResponseCode();
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                for (String name : PASSED_BACK) {
                    String value = c.getHeaderField(name);
                    if (value != null) {
                        ex.getResponseHeaders().set(name, value);
                    }
                }
                reply(ex, status, body);
            } catch (IOException e) {
                error(ex, "the server at " + target + " did not answer: " + e.getMessage());
            }
        });
        server.start();
        System.out.println("address http://" + host + ":" + port + "/ forwards to the server named in " + targetFile);
    }

    /** Answers with the server's bytes as they came; HEAD, and an empty answer, carry no body. */
    static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        boolean bodyless = ex.getRequestMethod().equals("HEAD") || body.length == 0;
        ex.sendResponseHeaders(status, bodyless ? -1 : body.length);
        if (!bodyless) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    static void error(HttpExchange ex, String message) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        reply(ex, 502, ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
