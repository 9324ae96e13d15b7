import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Executors;

/**
 * The example's web app, run from a baked image with {@code java App.java HOST PORT}: it reads the
 * release it was baked with from {@code release.properties} next to it and answers {@code /health}
 * and {@code /}. Every answer carries an {@code X-Release} header naming the release, so the
 * example's prober can tell which release answered a request made through the stable address.
 *
 * <p>Two releases are broken on purpose, in the two ways the release flow must catch:
 * <ul>
 *   <li>{@code problem=...}: the release is down everywhere (503 on every path). Checked on its own
 *       address, it fails at once; it never reaches the stable address.</li>
 *   <li>{@code require_https=true}: the release sends every request that a proxy forwarded over
 *       plain HTTP ({@code X-Forwarded-Proto: http}) to {@code https://}, which nothing serves
 *       here. Requests made to the server itself carry no forwarding header and are answered, so
 *       its own address looks healthy; behind the stable address every request is redirected.
 *       Only the check through the stable address can catch it.</li>
 * </ul>
 */
public class App {
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java App.java HOST PORT");
            System.exit(2);
        }
        Properties release = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("release.properties"))) {
            release.load(r);
        }
        String version = release.getProperty("version", "unknown");
        String problem = release.getProperty("problem", "");
        boolean requireHttps = Boolean.parseBoolean(release.getProperty("require_https", "false"));

        HttpServer server = HttpServer.create(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("X-Release", version);
            String proto = ex.getRequestHeaders().getFirst("X-Forwarded-Proto");
            if (!problem.isEmpty()) {
                send(ex, 503, "{\"status\":\"DOWN\",\"version\":\"" + version + "\",\"problem\":\"" + problem + "\"}");
            } else if (requireHttps && proto != null && !proto.equals("https")) {
                String host = ex.getRequestHeaders().getFirst("X-Forwarded-Host");
                String to = "https://" + (host != null ? host : ex.getRequestHeaders().getFirst("Host"))
                        + ex.getRequestURI();
                ex.getResponseHeaders().set("Location", to);
                send(ex, 308, "{\"redirect\":\"" + to + "\",\"version\":\"" + version + "\"}");
            } else if (ex.getRequestURI().getPath().equals("/health")) {
                send(ex, 200, "{\"status\":\"UP\",\"version\":\"" + version + "\"}");
            } else {
                send(ex, 200, "{\"app\":\"example\",\"version\":\"" + version + "\"}");
            }
        });
        server.start();
        System.out.println("app " + version + " listening on http://" + args[0] + ":" + args[1] + "/");
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
