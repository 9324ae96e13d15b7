package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streaming read of {@code show -json} against the whole-document one, on recorded OpenTofu output. */
class ShowJsonTest {
    private static PlanSummary read(String json, SecretMasker secrets) throws IOException {
        return ShowJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), secrets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"show-first-deploy.json", "show-no-changes.json", "show-replace-and-delete.json"})
    void readsTheSameSummaryAndSensitiveOutputsAsTheWholeDocument(String fixture) throws IOException {
        SecretMasker streamed = new SecretMasker();
        SecretMasker whole = new SecretMasker();

        PlanSummary summary = read(Fixtures.text(fixture), streamed);
        JsonStreamRenderer.registerSensitivePlannedOutputs(Fixtures.json(fixture), whole);

        assertThat(summary).isEqualTo(PlanSummary.fromShowJson(Fixtures.json(fixture)));
        String probe = Fixtures.text(fixture);
        assertThat(streamed.mask(probe)).isEqualTo(whole.mask(probe));
    }

    @Test
    void aSensitiveOutputsPlannedValueIsRegisteredWhateverComesAroundIt() throws IOException {
        SecretMasker secrets = new SecretMasker();

        PlanSummary summary = read("""
                {"planned_values":{"outputs":{"x":{"sensitive":true}}},"output_changes":{
                 "url":{"actions":["create"],"before":null,"after":"postgres://u:pw-123@db","after_unknown":false,
                        "before_sensitive":false,"after_sensitive":true},
                 "plain":{"actions":["create"],"after":"visible","after_sensitive":false}},
                 "resource_changes":[{"address":"a.b","change":{"before":{"deep":[1,{"x":2}]},"actions":["delete","create"]}},
                                     {"address":"c.d","change":{"actions":["no-op"]}}],"complete":true}
                """, secrets);

        assertThat(summary.changes()).containsExactly(new ResourceChange("a.b", ResourceChange.Action.REPLACE_DESTROY_FIRST));
        assertThat(secrets.containsSecret("postgres://u:pw-123@db")).isTrue();
        assertThat(secrets.containsSecret("visible")).isFalse();
    }

    @Test
    void theVariablesAndTheRootModulesDeclarationsAreReadWithoutAnySensitiveOrSecretValue() throws IOException {
        SecretMasker secrets = new SecretMasker();
        secrets.add("dop_v1_token");

        PlanDocument plan = ShowJson.read(new ByteArrayInputStream("""
                {"variables":{"live_image":{"value":"img-1"},"candidate_image":{"value":""},"replicas":{"value":3},
                  "db_password":{"value":"s3cret-db"},"api_key":{"value":"ak-from-env"},"note":{"value":"dop_v1_token"}},
                 "resource_changes":[{"address":"a.app[\\"img-1\\"]","change":{"actions":["no-op"]}},
                  {"address":"a.app[\\"img-1\\"]","deposed":"4f7e30e4","change":{"actions":["delete"]}}],
                 "configuration":{"provider_config":{},"root_module":{"resources":[{"address":"a.app"}],
                  "outputs":{"url":{"expression":{"references":["a.app"]}},"secret_url":{"sensitive":true}},
                  "variables":{"live_image":{},"candidate_image":{"default":""},"replicas":{"default":1},
                   "db_password":{"default":"d3fault-pw","sensitive":true},"api_key":{},"note":{}}}}}
                """.getBytes(StandardCharsets.UTF_8)), java.util.Set.of("api_key"), secrets);

        assertThat(plan.variables()).containsExactly(java.util.Map.entry("live_image", "img-1"),
                java.util.Map.entry("candidate_image", ""), java.util.Map.entry("replicas", "3"),
                java.util.Map.entry("note", "****"));
        assertThat(plan.declaredVariables()).containsKeys("live_image", "candidate_image", "db_password", "api_key");
        assertThat(plan.declaredVariables().get("candidate_image")).isEqualTo(new PlanDocument.Variable(false, true, ""));
        assertThat(plan.declaredVariables().get("db_password")).isEqualTo(new PlanDocument.Variable(true, true, null));
        assertThat(plan.declaredOutputs()).containsExactly(java.util.Map.entry("url", false),
                java.util.Map.entry("secret_url", true));
        assertThat(plan.all()).extracting(ResourceChange::action).containsExactly(ResourceChange.Action.NO_OP,
                ResourceChange.Action.DELETE_DEPOSED);
        assertThat(plan.summary().counts()).containsEntry("replace", 1).containsEntry("destroy", 0);
        assertThat(plan.toString()).doesNotContain("s3cret-db", "d3fault-pw", "ak-from-env");
    }

    @Test
    void aTruncatedOrNonObjectDocumentIsAnError() {
        assertThatThrownBy(() -> read("{\"resource_changes\":[{\"address\":\"a.b\"", new SecretMasker()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[1,2]", new SecretMasker())).isInstanceOf(IOException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> read("", new SecretMasker())).isInstanceOf(IOException.class);
    }
}
