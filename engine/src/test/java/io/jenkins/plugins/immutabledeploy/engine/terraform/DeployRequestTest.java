package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployRequestTest {
    @Test
    void badValuesAreRefusedNamingTheFieldAndWhatToDo() {
        assertThatThrownBy(() -> DeployRequest.builder(" ").build()).hasMessage(
                "dir: the Terraform/OpenTofu configuration folder is required");
        assertThatThrownBy(() -> DeployRequest.builder("tf").var("image id", "x").build()).hasMessageStartingWith(
                "vars: 'image id' is not a Terraform variable name");
        assertThatThrownBy(() -> DeployRequest.builder("tf").secretVar("pw", "s", "PW").var("pw", "x").build())
                .hasMessage("vars: pw is already a secret variable; give it once");
        assertThatThrownBy(() -> DeployRequest.builder("tf").secretVar("pw", "", "PW").build()).hasMessage(
                "secretVars: the value of pw (from PW) is empty; set it before the deploy");
        assertThatThrownBy(() -> DeployRequest.builder("tf").workspace("prod/eu").build()).hasMessageStartingWith(
                "workspace: 'prod/eu' is not a workspace name");
        assertThatThrownBy(() -> DeployRequest.builder("tf").timeout(Duration.ZERO).build()).hasMessageStartingWith(
                "timeout: must be positive");
        assertThatThrownBy(() -> DeployRequest.builder("tf").allowDestroyOf("").build()).hasMessageStartingWith(
                "allowDestroyOf: a pattern must not be blank");
        assertThatThrownBy(() -> DeployRequest.builder("tf").createWorkspace(true).build()).hasMessage(
                "createWorkspace: name the workspace to create with workspace");
    }

    @Test
    void theCommandLineReadsItsOwnOptionNames() {
        Vocabulary cli = Vocabulary.OPTIONS.with(Map.of("vars", "--var"));

        assertThatThrownBy(() -> DeployRequest.builder("tf").names(cli).createWorkspace(true).build()).hasMessage(
                "--create-workspace: name the workspace to create with --workspace");
        assertThatThrownBy(() -> DeployRequest.builder("tf").names(cli).var("image id", "x").build())
                .hasMessageStartingWith("--var: 'image id' is not a Terraform variable name");
    }

    @Test
    void theDescriptionOfARequestNamesItsSecretsButNeverShowsThem() {
        DeployRequest r = DeployRequest.builder("tf").var("image", "img-1").secretVar("db_password", "hunter2", "DB_PW")
                .token("dop_v1_abc").build();

        assertThat(r.toString()).contains("image=img-1", "db_password=DB_PW", "token=****")
                .doesNotContain("hunter2", "dop_v1_abc");
    }

    @Test
    void aRedeployOfARecordTakesItsWorkspaceAndVariablesWithTheSecretsSuppliedAgainAndKeepsTheSettings() {
        DeploymentRecord record = new DeploymentRecord("20261124T160000.000Z-abcdef", Instant.parse("2026-11-24T16:00:00Z"),
                "terraform", "prod", "tofu", "1.10.10", Map.of("image", "img-7"), List.of("prod.tfvars"),
                Map.of("db_password", "DB_PW"), Map.of(), null, Map.of(), DeploymentRecord.SUCCESS, null);
        DeployRequest settings = DeployRequest.builder("terraform").workingDirectory("/ws").executable("/opt/tofu")
                .token("dop_v1_abc").allowDestroy(true).build();

        DeployRequest r = settings.redeploy(record, Map.of("db_password", "hunter2"));

        assertThat(r.dir()).isEqualTo("terraform");
        assertThat(r.workingDirectory()).isEqualTo("/ws");
        assertThat(r.executable()).isEqualTo("/opt/tofu");
        assertThat(r.token()).isEqualTo("dop_v1_abc");
        assertThat(r.gate().allowDestroy()).isTrue();
        assertThat(r.workspace()).isEqualTo("prod");
        assertThat(r.vars()).containsExactly(Map.entry("image", "img-7"));
        assertThat(r.varFiles()).containsExactly("prod.tfvars");
        assertThat(r.secretVars()).containsExactly(Map.entry("db_password", "hunter2"));
        assertThat(r.secretVarSources()).containsExactly(Map.entry("db_password", "DB_PW"));
        assertThatThrownBy(() -> settings.redeploy(record, Map.of())).hasMessage("secretVars: the record"
                + " 20261124T160000.000Z-abcdef needs the secret variable db_password (it came from DB_PW); supply its value");
    }

    @Test
    void theResultMapHoldsOnlyPlainValuesUnderTheDocumentedKeys() {
        DeployResult result = new DeployResult(true, false, PlanSummary.of(List.of(
                new ResourceChange("terraform_data.server", ResourceChange.Action.REPLACE))),
                Map.of("image", "img-2"), "records/x.json", null, "tofu", "1.10.10", Duration.ofMillis(12_345));

        Map<String, Object> map = result.toMap();

        assertThat(map).containsOnlyKeys("changed", "drift", "summary", "changes", "outputs", "record", "tool",
                "toolVersion", "durationSeconds");
        assertThat(Json.write(map)).isEqualTo("{\"changed\":true,\"drift\":false,"
                + "\"summary\":{\"add\":0,\"change\":0,\"replace\":1,\"destroy\":0},"
                + "\"changes\":[{\"address\":\"terraform_data.server\",\"action\":\"replace\"}],"
                + "\"outputs\":{\"image\":\"img-2\"},\"record\":\"records/x.json\",\"tool\":\"tofu\","
                + "\"toolVersion\":\"1.10.10\",\"durationSeconds\":12.3}");
    }
}
