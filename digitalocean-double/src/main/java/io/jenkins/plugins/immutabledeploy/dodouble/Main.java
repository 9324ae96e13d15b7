package io.jenkins.plugins.immutabledeploy.dodouble;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local DigitalOcean on its own, for scripts:
 *
 * <pre>
 * java -jar digitalocean-double.jar --state-dir DIR [--token-env VAR] [--bind ADDR] [--port N]
 *      [--ssh-port N] [--app-port N] [--release-variable NAME] [--polls N]
 * </pre>
 *
 * It writes its base URL to {@code DIR/api-url} once it listens, prints it, and runs until it is
 * stopped (SIGTERM or Ctrl-C).
 */
public final class Main {
    private Main() {}

    /**
     * @param args the options above
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        Path stateDir = null;
        String tokenEnv = "DIGITALOCEAN_TOKEN";
        String bind = "127.0.0.1";
        int port = 0;
        int sshPort = 22;
        int appPort = 8080;
        String releaseVariable = "RELEASE_TAG";
        int polls = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--state-dir" -> stateDir = Path.of(need(a, v));
                case "--token-env" -> tokenEnv = need(a, v);
                case "--bind" -> bind = need(a, v);
                case "--port" -> port = Integer.parseInt(need(a, v));
                case "--ssh-port" -> sshPort = Integer.parseInt(need(a, v));
                case "--app-port" -> appPort = Integer.parseInt(need(a, v));
                case "--release-variable" -> releaseVariable = need(a, v);
                case "--polls" -> polls = Integer.parseInt(need(a, v));
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar digitalocean-double.jar --state-dir DIR [--token-env VAR]"
                            + " [--bind ADDR] [--port N] [--ssh-port N (22)] [--app-port N (8080)]"
                            + " [--release-variable NAME (RELEASE_TAG)] [--polls N (1)]");
                    return;
                }
                default -> {
                    System.err.println("digitalocean-double: unknown option " + a + " (try --help)");
                    System.exit(2);
                }
            }
            i++;
        }
        if (stateDir == null) {
            System.err.println("digitalocean-double: --state-dir is required (try --help)");
            System.exit(2);
        }
        String token = System.getenv(tokenEnv);
        if (token == null || token.isBlank()) {
            System.err.println("digitalocean-double: the environment variable " + tokenEnv
                    + " must hold the token clients will send (--token-env names it)");
            System.exit(2);
        }
        LocalDigitalOcean double_ = LocalDigitalOcean.builder(stateDir).token(token).bindAddress(bind).port(port)
                .sshPort(sshPort).appPort(appPort).releaseVariable(releaseVariable).polls(polls, polls, polls).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            double_.close();
            stopped.countDown();
        }, "digitalocean-double stop"));
        System.out.println("digitalocean-double listening on " + double_.apiUrl() + " (state in " + stateDir + ")");
        System.out.flush();
        stopped.await();
    }

    private static String need(String option, String value) {
        if (value == null) {
            System.err.println("digitalocean-double: " + option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
