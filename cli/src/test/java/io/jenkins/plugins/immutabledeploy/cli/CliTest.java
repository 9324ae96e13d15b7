package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    private static final String SECRET = "dop_v1_cli-test-secret-0123456789";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Cli cli() {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> result() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("url", "https://api.example.test/?token=" + SECRET);
        outputs.put("port", 8080);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", "success");
        r.put("changed", true);
        r.put("outputs", outputs);
        r.put("warnings", List.of("token " + SECRET + " expires soon"));
        return r;
    }

    @Test
    void jsonPrintsExactlyOneObjectOnStandardOutputWithSecretsMasked() throws Exception {
        try (Cli cli = cli()) {
            cli.context().secrets().add(SECRET);
            cli.context().log().info("using " + SECRET);

            cli.print(result(), true, "Deployed " + SECRET);
        }

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout.lines()).hasSize(1);
        Map<String, Object> parsed = Json.MAPPER.readValue(stdout, new TypeReference<Map<String, Object>>() {});
        assertThat(Json.write(parsed)).isEqualTo("{\"result\":\"success\",\"changed\":true,"
                + "\"outputs\":{\"url\":\"https://api.example.test/?token=****\",\"port\":8080},"
                + "\"warnings\":[\"token **** expires soon\"]}");
        assertThat(stdout).doesNotContain("Deployed");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("using ****" + System.lineSeparator());
    }

    @Test
    void withoutJsonTheMaskedSummaryIsPrinted() {
        try (Cli cli = cli()) {
            cli.context().secrets().add(SECRET);

            cli.print(result(), false, "Deployed with " + SECRET);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Deployed with ****" + System.lineSeparator());
    }

    @Test
    void aSecretReadFromAMissingVariableNamesTheOptionAndTheVariable() {
        try (Cli cli = cli()) {
            assertThatThrownBy(() -> cli.secretFromEnv("--token-env", "IMMUTABLE_DEPLOY_SURELY_UNSET_VAR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--token-env: the environment variable IMMUTABLE_DEPLOY_SURELY_UNSET_VAR is not set"
                            + " (secrets are read from the environment, never from the command line)");
        }
    }

    @Test
    void aSecretReadFromTheEnvironmentIsMaskedFromThenOn() {
        try (Cli cli = cli()) {
            String value = cli.secretFromEnv("--x", "PATH");

            assertThat(cli.context().secrets().mask("v=" + value)).isEqualTo("v=****");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Cli cli = cli();
        cli.close();
        cli.close();
        assertThat(cli.context().cancellation().isCancelled()).isFalse();
    }
}
