import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The example's web app, run from a baked image with {@code java App.java PORT}: it reads the
 * release it was baked with from {@code release.properties} next to it and answers {@code /health}.
 *
 * <p>{@code java App.java proxy PORT TARGET_FILE} runs the example's stand-in for a reserved IP:
 * a stable address that forwards every request to the instance whose port is in TARGET_FILE, so
 * the URL users (and health checks) know stays the same while instances come and go.
 */
public class App {
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("proxy")) {
            proxy(Integer.parseInt(args[1]), Path.of(args[2]));
        } else if (args.length == 1) {
            app(Integer.parseInt(args[0]));
        } else {
            System.err.println("usage: java App.java PORT | java App.java proxy PORT TARGET_FILE");
            System.exit(2);
        }
    }

    static void app(int port) throws IOException {
        Properties release = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("release.properties"))) {
            release.load(r);
        }
        String version = release.getProperty("version", "unknown");
        // The broken release is broken on purpose: it starts and answers, but reports itself down,
        // which is exactly what a deploy-time health check must catch.
        String problem = release.getProperty("problem", "");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/health", ex -> {
            if (problem.isEmpty()) {
                send(ex, 200, "{\"status\":\"UP\",\"version\":\"" + version + "\"}");
            } else {
                send(ex, 503, "{\"status\":\"DOWN\",\"version\":\"" + version + "\",\"problem\":\"" + problem + "\"}");
            }
        });
        server.createContext("/", ex -> send(ex, 200, "{\"app\":\"example\",\"version\":\"" + version + "\"}"));
        server.start();
        System.out.println("app " + version + " listening on http://127.0.0.1:" + port + "/");
    }

    static void proxy(int port, Path targetFile) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", ex -> {
            // Read the assignment on every request: re-pointing the address is writing one file.
            String target;
            try {
                target = Files.readString(targetFile).trim();
            } catch (IOException e) {
                send(ex, 502, "{\"error\":\"the address is not assigned to an instance\"}");
                return;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + target
                        + ex.getRequestURI()).toURL().openConnection();
                c.setRequestMethod(ex.getRequestMethod());
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                int status = c.getResponseCode();
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                send(ex, status, new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                send(ex, 502, "{\"error\":\"instance on port " + target + " did not answer\"}");
            }
        });
        server.start();
        System.out.println("address http://127.0.0.1:" + port + "/ forwards to the port in " + targetFile);
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
