package io.jenkins.plugins.immutabledeploy.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    @Test
    void statusRangesAcceptSingleCodesAndInclusiveRanges() {
        StatusRanges r = StatusRanges.parse("status", " 200:299, 301 ");

        assertThat(r.accepts(200)).isTrue();
        assertThat(r.accepts(299)).isTrue();
        assertThat(r.accepts(301)).isTrue();
        assertThat(r.accepts(300)).isFalse();
        assertThat(r.accepts(503)).isFalse();
        assertThat(r).hasToString("200:299,301");
        StatusRanges any2xx = StatusRanges.parse("status", VerifyRequest.DEFAULT_STATUS);
        assertThat(any2xx.accepts(204)).isTrue();
        assertThat(any2xx.accepts(302)).isFalse();
    }

    @Test
    void badStatusRangesAreRefusedWithWhatWasWrongAndTheAcceptedForm() {
        assertThatThrownBy(() -> StatusRanges.parse("--status", "2xx"))
                .hasMessage("--status: in '2xx' the part '2xx' is not a status code or range; use codes and ranges"
                        + " separated by commas, e.g. 200 or 200:299,301");
        assertThatThrownBy(() -> StatusRanges.parse("--status", "299:200"))
                .hasMessage("--status: in '299:200' the range '299:200' ends before it starts; write the lower code"
                        + " first, e.g. 200:299");
        assertThatThrownBy(() -> StatusRanges.parse("--status", "200,999"))
                .hasMessage("--status: in '200,999' the code 999 is not an HTTP status; codes run from 100 to 599");
        assertThatThrownBy(() -> StatusRanges.parse("--status", "200,"))
                .hasMessage("--status: in '200,' the part '' is not a status code or range; use codes and ranges"
                        + " separated by commas, e.g. 200 or 200:299,301");
        assertThatThrownBy(() -> StatusRanges.parse("--status", " "))
                .hasMessage("--status: status ranges are required, e.g. 200 or 200:299,301");
    }

    @Test
    void aCheckHasTheDocumentedDefaults() {
        HealthCheck c = HealthCheck.builder("https://app.example.com/health").build();

        assertThat(c.method()).isEqualTo(HealthCheck.Method.GET);
        assertThat(c.status().toString()).isEqualTo("200:299");
        assertThat(c.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.initialDelay()).isEqualTo(Duration.ZERO);
        assertThat(c.successThreshold()).isEqualTo(3);
        assertThat(c.failureThreshold()).isEqualTo(3);
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void contradictoryOrMalformedSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> HealthCheck.builder("app.example.com/health").build())
                .hasMessage("urls: 'app.example.com/health' is not an http or https URL; write it in full,"
                        + " e.g. https://app.example.com/health");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").method("POST").build())
                .hasMessage("method: 'POST' is not supported; use GET or HEAD");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").method("HEAD").bodyRegex("UP").build())
                .hasMessage("method: a HEAD answer has no body, so bodyRegex and jsonPointer cannot be checked; use GET");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").jsonExpect("UP").build())
                .hasMessage("jsonExpect: needs jsonPointer to say which value to compare, e.g. jsonPointer /status"
                        + " with jsonExpect UP");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").jsonPointer("status").build())
                .hasMessage("jsonPointer: 'status' is not a JSON pointer; it starts with '/', e.g. /status or"
                        + " /checks/0/state");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").bodyRegex("(unclosed").build())
                .hasMessageStartingWith("bodyRegex: '(unclosed' is not a regular expression: ");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").interval(Duration.ZERO).build())
                .hasMessage("interval: must be more than zero, e.g. 5s");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").successThreshold(0).build())
                .hasMessage("successThreshold: must be 1 or more (was 0)");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").secretHeader("Authorization", "a\nb").build())
                .hasMessage("headers Authorization: the value is missing or holds a line break");
        assertThatThrownBy(() -> HealthCheck.builder("http://a/").status("2xx").build())
                .hasMessageStartingWith("status: in '2xx' the part '2xx' is not a status code");
    }

    @Test
    void theChecksOfARequestNameTheirSettingsAsTheCallerDoes() {
        Vocabulary cli = Vocabulary.OPTIONS.with(Map.of("urls", "--url", "timeout", "--verify-timeout"));

        assertThatThrownBy(() -> VerifyRequest.builder().names(cli).urls(List.of("http://a/"),
                c -> c.jsonExpect("UP")).build())
                .hasMessage("--json-expect: needs --json-pointer to say which value to compare, e.g. --json-pointer"
                        + " /status with --json-expect UP");
        assertThatThrownBy(() -> VerifyRequest.builder().urls(List.of("http://a/", "nope"), c -> c).names(cli).build())
                .hasMessageStartingWith("--url: 'nope' is not an http or https URL");
        assertThatThrownBy(() -> VerifyRequest.builder().names(cli).urls(List.of("http://a/"),
                c -> c.timeout(Duration.ZERO)).build())
                .hasMessage("--verify-timeout: must be more than zero, e.g. 5s");
        assertThatThrownBy(() -> VerifyRequest.builder().names(cli).build())
                .hasMessage("--url: at least one URL to check is required");
    }

    @Test
    void oneCheckPerUrlAllWithTheSameSettings() {
        VerifyRequest r = VerifyRequest.builder().urls(List.of("http://a/health", "http://b/health"),
                c -> c.status("200").successThreshold(1)).build();

        assertThat(r.checks()).extracting(c -> c.url().toString()).containsExactly("http://a/health", "http://b/health");
        assertThat(r.checks()).allSatisfy(c -> {
            assertThat(c.status().toString()).isEqualTo("200");
            assertThat(c.successThreshold()).isEqualTo(1);
        });
    }

    @Test
    void aRequestNeedsAUrlAndCannotBothTrustACaFileAndTrustNothing() {
        HealthCheck c = HealthCheck.builder("http://a/").build();
        assertThatThrownBy(() -> new VerifyRequest(List.of(), null, false, null))
                .hasMessage("urls: at least one URL to check is required");
        assertThatThrownBy(() -> new VerifyRequest(List.of(c), Path.of("/etc/hostname"), true, null))
                .hasMessage("insecure: with insecure: true nothing is verified, so caFile /etc/hostname would be"
                        + " ignored; give one or the other");
        assertThatThrownBy(() -> HttpClients.withCaFile(HttpClients.shared(), Path.of("/etc/hostname")))
                .hasMessageStartingWith("caFile: /etc/hostname ");
    }

    @Test
    void aReleasesCheckAtItsAddressKeepsEverySettingAndCountsWrongAnswersAlsoAfterTravellingSerialized()
            throws Exception {
        VerifyRequest template = VerifyRequest.builder().urls(List.of("http://release-address.invalid/"), c -> c
                .jsonPointer("/status").jsonExpect("UP").interval("1s").failureThreshold(2)).build();

        VerifyRequest at = template.at("candidate_url", List.of("http://10.0.0.7/health", "http://10.0.0.8/health"), true);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(at);
        }
        VerifyRequest travelled;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            travelled = (VerifyRequest) in.readObject();
        }
        for (VerifyRequest r : List.of(at, travelled)) {
            assertThat(r.checks()).extracting(c -> c.url().toString())
                    .containsExactly("http://10.0.0.7/health", "http://10.0.0.8/health");
            assertThat(r.checks()).allSatisfy(c -> {
                assertThat(c.wrongAnswersCount()).isTrue();
                assertThat(c.jsonExpect()).isEqualTo("UP");
                assertThat(c.failureThreshold()).isEqualTo(2);
                assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
            });
        }
        assertThat(template.checks().get(0).wrongAnswersCount()).isFalse();
        assertThatThrownBy(() -> template.at("url", List.of("not a url"), true))
                .hasMessageStartingWith("url: 'not a url' is not an http or https URL");
    }
}
