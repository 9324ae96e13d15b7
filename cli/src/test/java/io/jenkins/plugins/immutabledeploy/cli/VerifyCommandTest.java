package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.verify.AppFixture;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code immutable-deploy verify} as its own JVM against real loopback servers: secret
 * header values come from the environment, and the exit code is what a shell sees.
 */
class VerifyCommandTest {
    static final String TOKEN = "hc-token-5e4d3c2b1a-secret";

    @TempDir
    Path dir;

    /** A finished CLI run. */
    record Run(int exit, String out, String err) {
        Map<String, Object> json() throws IOException {
            return Json.MAPPER.readValue(out, new TypeReference<>() {});
        }
    }

    static Run cli(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HC_TOKEN", TOKEN);
        // The rollback tests' deployments record their secret as coming from this variable.
        pb.environment().put(AppFixture.DB_PASSWORD_ENV, AppFixture.DB_PASSWORD);
        pb.environment().put("IMMUTABLE_DEPLOY_TOOLS",
                io.jenkins.plugins.immutabledeploy.engine.testing.TestTools.toolsDir().toString());
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void healthyEndpointsExitZeroAndJsonIsOneObjectWithTheDocumentedKeys() throws Exception {
        try (HealthServer a = HealthServer.http((n, p) -> Answer.ok("{\"status\":\"UP\"}"));
                HealthServer b = HealthServer.http((n, p) -> Answer.ok("{\"status\":\"UP\"}"))) {
            Run r = cli(dir, "verify", "--url", a.url("/health"), "--url", b.url("/health"), "--interval", "50ms",
                    "--json-pointer", "/status", "--json-expect", "UP", "--json");

            assertThat(r.exit()).as(r.err()).isZero();
            Map<String, Object> json = r.json();
            assertThat(json).containsEntry("healthy", true).containsKeys("endpoints", "durationSeconds");
            assertThat((List<?>) json.get("endpoints")).hasSize(2);
            assertThat(r.err()).contains("GET " + a.url("/health") + " -> 200").contains("Progress: 2/2 endpoint(s) healthy");
        }
    }

    @Test
    void aFailedVerificationExitsThreeAndTheSecretHeaderIsMaskedEverywhere() throws Exception {
        try (HealthServer s = HealthServer.http((n, p) -> Answer.of(503, "{\"error\":\"token " + TOKEN + " rejected\"}"))) {
            Run r = cli(dir, "verify", "--url", s.url("/health"), "--interval", "50ms", "--timeout", "500ms",
                    "--secret-header", "Authorization=HC_TOKEN", "--json");

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.VERIFY_FAILED);
            assertThat(s.headers().get(0).getFirst("Authorization")).isEqualTo(TOKEN);
            assertThat(r.json()).containsEntry("healthy", false);
            assertThat(r.err()).contains("status 503 is not in 200:299").contains("  | {\"error\":\"token **** rejected\"}");
            assertThat(r.out() + r.err()).doesNotContain(TOKEN);
            assertThat(r.out()).doesNotContain("\n{"); // exactly one JSON object
        }
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() throws Exception {
        Run status = cli(dir, "verify", "--url", "http://127.0.0.1:1/", "--status", "2xx");
        assertThat(status.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(status.err()).contains("immutable-deploy verify: --status: in '2xx' the part '2xx' is not a status code");

        Run noUrl = cli(dir, "verify");
        assertThat(noUrl.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noUrl.err()).contains("--url: at least one URL to check is required");

        Run rollbackWithoutDir = cli(dir, "verify", "--url", "http://127.0.0.1:1/", "--rollback");
        assertThat(rollbackWithoutDir.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(rollbackWithoutDir.err()).contains("--rollback: needs --dir");

        Run unsetSecret = cli(dir, "verify", "--url", "http://127.0.0.1:1/", "--secret-header", "X-Key=NOT_SET_ANYWHERE");
        assertThat(unsetSecret.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unsetSecret.err()).contains("the environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void insecureIsAWarningOnEveryRun() throws Exception {
        int port = HealthServer.freePort();
        Run r = cli(dir, "verify", "--url", "https://127.0.0.1:" + port + "/", "--insecure", "--interval", "50ms",
                "--timeout", "300ms");

        assertThat(r.exit()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("WARNING: TLS verification is OFF (--insecure)").contains("connection refused");
        assertThat(r.out()).contains("Verification FAILED: 0/1 endpoint(s) healthy");
    }
}
