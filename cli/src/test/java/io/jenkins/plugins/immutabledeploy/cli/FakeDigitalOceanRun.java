package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockWebServer;

/**
 * A CLI run against the fake DigitalOcean API: starts the server on loopback and captures
 * standard output and error while {@link Main#run} runs in-process.
 */
final class FakeDigitalOceanRun implements AutoCloseable {
    /** Set by the surefire configuration to {@link FakeDigitalOcean#TOKEN}. */
    static final String TOKEN_ENV = "IMMUTABLE_DEPLOY_TEST_DO_TOKEN";

    final FakeDigitalOcean api = new FakeDigitalOcean();
    private final MockWebServer server = new MockWebServer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;

    FakeDigitalOceanRun() throws IOException {
        if (!FakeDigitalOcean.TOKEN.equals(System.getenv(TOKEN_ENV))) {
            throw new IllegalStateException(TOKEN_ENV + " must be set to the fake token (see cli/pom.xml)");
        }
        server.setDispatcher(api);
        server.start();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** @return the fake API's base URL, for {@code --api-url} */
    String url() {
        return server.url("/").toString();
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        server.close();
    }
}
