package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code immutable-deploy release} as its own JVM: the webhook secret and the API token come
 * from environment variables, which a test cannot set in its own JVM, and the body from stdin.
 */
class ReleaseCommandTest {
    private static final String SECRET = "cli-webhook-S3cret-4b1d";
    private static final String TOKEN = "ghp_cliT0kenNeverPrinted0123456789abcdef";

    @TempDir
    Path dir;

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private record Run(int exit, String stdout, String stderr) {
        Map<String, Object> json() throws IOException {
            return Json.MAPPER.readValue(stdout, new TypeReference<>() {});
        }

        void revealsNoSecret() {
            assertThat(stdout + stderr).doesNotContain(SECRET).doesNotContain(TOKEN);
        }
    }

    private Run run(byte[] stdin, String... args) throws Exception {
        Process p = start(stdin, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command finished").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
    }

    private Process start(byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "release"));
        cmd.addAll(List.of(args));
        Path in = Files.write(dir.resolve("stdin"), stdin);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("RELEASE_TEST_SECRET", SECRET);
        pb.environment().put("RELEASE_TEST_TOKEN", TOKEN);
        return pb.start();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ReleaseCommandTest.class.getResourceAsStream("/github/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void verifyPrintsTheReleaseOfACorrectlySignedDeliveryAndExitsZero() throws Exception {
        byte[] body = fixture("release-published.json");
        Run r = run(body, "verify", "--secret-env", "RELEASE_TEST_SECRET",
                "--signature", new WebhookVerifier(SECRET).sign(body), "--delivery", "cli-1", "--json");

        assertThat(r.exit()).as(r.stderr()).isZero();
        Map<String, Object> out = r.json();
        assertThat(out).containsEntry("status", 202).containsEntry("kind", "triggered").containsEntry("delivery", "cli-1");
        assertThat(out.get("release")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("tagName", "v1.2.3")
                .containsEntry("repository", "octocat/Hello-World");
        r.revealsNoSecret();
    }

    @Test
    void verifyWithoutJsonDescribesTheReleaseForPeople() throws Exception {
        byte[] body = fixture("release-published.json");
        Run r = run(body, "verify", "--secret-env", "RELEASE_TEST_SECRET", "--signature", new WebhookVerifier(SECRET).sign(body));
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("202 triggered by release v1.2.3 of octocat/Hello-World\n"
                + "v1.2.3  Hello World 1.2.3\n"
                + "  octocat/Hello-World  https://github.com/octocat/Hello-World/releases/tag/v1.2.3\n"
                + "  2 asset(s): hello-world-1.2.3.tar.gz, SHA256SUMS");
    }

    @Test
    void verifyExitsFiveWhenTheSignatureDoesNotVerifyAndNeverPrintsTheSecret() throws Exception {
        byte[] body = fixture("release-published.json");
        Run r = run(body, "verify", "--secret-env", "RELEASE_TEST_SECRET",
                "--signature", new WebhookVerifier(SECRET + "-old").sign(body));
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_SIGNATURE);
        assertThat(r.stderr()).contains("ERROR: 403 X-Hub-Signature-256 does not match the body");
        assertThat(r.stdout()).isEmpty();
        r.revealsNoSecret();
    }

    @Test
    void verifyExitsTwoForABodyThatIsNotJsonEvenWhenSigned() throws Exception {
        byte[] body = ("{\"action\":\"published\",\"note\":\"" + SECRET).getBytes(StandardCharsets.UTF_8);
        Run r = run(body, "verify", "--secret-env", "RELEASE_TEST_SECRET",
                "--signature", new WebhookVerifier(SECRET).sign(body), "--json");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.json()).containsEntry("status", 400).containsEntry("kind", "rejected");
        r.revealsNoSecret();
    }

    @Test
    void verifyAnswersAPingWithZero() throws Exception {
        byte[] body = fixture("ping.json");
        Run r = run(body, "verify", "--secret-env", "RELEASE_TEST_SECRET", "--event", "ping",
                "--signature", new WebhookVerifier(SECRET).sign(body), "--json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.json()).containsEntry("kind", "ping").containsEntry("status", 200);
    }

    @Test
    void verifyRefusesASecretVariableThatIsNotSetAsAUsageError() throws Exception {
        Run r = run(new byte[0], "verify", "--secret-env", "RELEASE_TEST_UNSET", "--signature", "sha256=00");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("--secret-env: the environment variable RELEASE_TEST_UNSET is not set");
    }

    @Test
    void latestReadsAnEnterpriseApiWithTheTokenFromTheEnvironmentAndSkipsPreReleases() throws Exception {
        String listing = "[" + release(13, "v2.0.0-rc1", true) + "," + release(12, "v1.9.0", false) + "]";
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(listing).build());
        Run r = run(new byte[0], "latest", "--repo", "octocat/Hello-World", "--api-url", server.url("/api/v3").toString(),
                "--token-env", "RELEASE_TEST_TOKEN", "--json");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.json()).containsEntry("tagName", "v1.9.0").containsEntry("prerelease", false);
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v3/repos/octocat/Hello-World/releases");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        r.revealsNoSecret();
    }

    @Test
    void latestFailsWithExitOneWhenTheRepositoryHasNoPublishedRelease() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("[" + release(13, "v2.0.0-rc1", true) + "]").build());
        Run r = run(new byte[0], "latest", "--repo", "octocat/Hello-World", "--api-url", server.url("/").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr()).contains("ERROR: octocat/Hello-World has no published release that is not a pre-release "
                + "(--include-prereleases counts those)");
    }

    @Test
    void latestRefusesARepositoryThatIsNotOwnerSlashNameNamingTheOption() throws Exception {
        Run r = run(new byte[0], "latest", "--repo", "Hello-World", "--api-url", server.url("/").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("--repo: 'Hello-World' is not a GitHub repository; write it as OWNER/NAME");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aSignalDuringARateLimitWaitEndsTheCommandAtOnceInsteadOfAfterTheWait() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "240")
                .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
        Process p = start(new byte[0], "latest", "--repo", "octocat/Hello-World", "--api-url", server.url("/").toString());
        try {
            Path stderr = dir.resolve("stderr");
            String waiting = "GitHub API rate limit exhausted; waiting 2";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (p.isAlive() && !Files.readString(stderr).contains(waiting) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(stderr)).contains(waiting).contains("(this run waits at most 300s for a reset)");
            long signalled = System.nanoTime();

            p.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C

            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the command ended soon after the signal").isTrue();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertThat(Files.readString(stderr)).contains("Cancelled: reading the GitHub releases of octocat/Hello-World");
            assertThat(ms).as("milliseconds from the signal to the end of the JVM").isLessThan(5_000);
            assertThat(server.getRequestCount()).isEqualTo(1);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void releaseWithoutASubcommandIsAUsageError() {
        assertThat(Main.run("release")).isEqualTo(ExitCodes.USAGE);
    }

    private String release(long id, String tag, boolean prerelease) throws IOException {
        Map<String, Object> r = Json.MAPPER.readValue(fixture("release-published.json"),
                new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> rel = (Map<String, Object>) r.get("release");
        rel.put("id", id);
        rel.put("tag_name", tag);
        rel.put("prerelease", prerelease);
        return Json.write(rel);
    }
}
