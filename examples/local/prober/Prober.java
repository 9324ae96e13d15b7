import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example's user: {@code java Prober.java URL LOG_FILE [INTERVAL_MS]} requests URL every
 * INTERVAL_MS (default 50) until it is stopped, each time on a new connection, and appends one
 * line per request to LOG_FILE:
 *
 * <pre>EPOCH_MS LATENCY_MS STATUS RELEASE OUTCOME</pre>
 *
 * <p>OUTCOME is {@code ok} (a release answered 2xx), {@code broken} (a release answered, but not
 * 2xx: the user got a broken page) or {@code error} (no release answered: refused, timed out, cut
 * off, or the address's own 502). RELEASE is the {@code X-Release} header the app sets, {@code -}
 * when no release answered; STATUS is {@code -} when there was no HTTP answer at all.
 */
public class Prober {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java Prober.java URL LOG_FILE [INTERVAL_MS]");
            System.exit(2);
        }
        // A new connection each time, as each user's browser would open: a switch that refused
        // connections, even for a moment, shows up here.
        System.setProperty("http.keepAlive", "false");
        URL url = URI.create(args[0]).toURL();
        long interval = args.length == 3 ? Long.parseLong(args[2]) : 50;
        try (PrintStream log = new PrintStream(Files.newOutputStream(Path.of(args[1])), true)) {
            long next = System.currentTimeMillis();
            while (true) {
                long started = System.currentTimeMillis();
                log.println(started + " " + probe(url, started));
                next += interval;
                long now = System.currentTimeMillis();
                if (next < now) {
                    next = now; // late (a slow answer): carry on from now rather than burst
                }
                Thread.sleep(next - now);
            }
        }
    }

    /** One request: "LATENCY_MS STATUS RELEASE OUTCOME". */
    static String probe(URL url, long started) {
        try {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setInstanceFollowRedirects(false); // a redirect away from the app is what the user got
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            if (in != null) {
                in.readAllBytes();
                in.close();
            }
            String release = c.getHeaderField("X-Release");
            String outcome = release == null ? "error" : status >= 200 && status < 300 ? "ok" : "broken";
            return (System.currentTimeMillis() - started) + " " + status + " " + (release == null ? "-" : release)
                    + " " + outcome;
        } catch (IOException e) {
            return (System.currentTimeMillis() - started) + " - - error";
        }
    }
}
