package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployRequestTest {
    @Test
    void badValuesAreRefusedNamingTheFieldAndWhatToDo() {
        assertThatThrownBy(() -> DeployRequest.builder(" ")).hasMessage(
                "dir: the Terraform/OpenTofu configuration folder is required");
        assertThatThrownBy(() -> DeployRequest.builder("tf").var("image id", "x")).hasMessageStartingWith(
                "vars: 'image id' is not a Terraform variable name");
        assertThatThrownBy(() -> DeployRequest.builder("tf").secretVar("pw", "s", "PW").var("pw", "x")).hasMessage(
                "vars: pw is already a secret variable; give it once");
        assertThatThrownBy(() -> DeployRequest.builder("tf").secretVar("pw", "", "PW")).hasMessage(
                "secretVars: the value of pw (from PW) is empty; set it before the deploy");
        assertThatThrownBy(() -> DeployRequest.builder("tf").workspace("prod/eu")).hasMessageStartingWith(
                "workspace: 'prod/eu' is not a workspace name");
        assertThatThrownBy(() -> DeployRequest.builder("tf").timeout(Duration.ZERO)).hasMessageStartingWith(
                "timeout: must be positive");
        assertThatThrownBy(() -> DeployRequest.builder("tf").allowDestroyOf("")).hasMessageStartingWith(
                "allowDestroyOf: a pattern must not be blank");
    }

    @Test
    void theDescriptionOfARequestNamesItsSecretsButNeverShowsThem() {
        DeployRequest r = DeployRequest.builder("tf").var("image", "img-1").secretVar("db_password", "hunter2", "DB_PW")
                .token("dop_v1_abc").build();

        assertThat(r.toString()).contains("image=img-1", "db_password=DB_PW", "token=****")
                .doesNotContain("hunter2", "dop_v1_abc");
    }

    @Test
    void aRecordBecomesARequestForTheSameFolderWorkspaceAndVariablesWithTheSecretsSuppliedAgain() {
        DeploymentRecord record = new DeploymentRecord("20261124T160000.000Z-abcdef", Instant.parse("2026-11-24T16:00:00Z"),
                "terraform", "prod", "tofu", "1.10.10", Map.of("image", "img-7"), List.of("prod.tfvars"),
                Map.of("db_password", "DB_PW"), Map.of(), null, Map.of(), DeploymentRecord.SUCCESS, null);

        DeployRequest r = DeployRequest.fromRecord(record, Map.of("db_password", "hunter2")).build();

        assertThat(r.dir()).isEqualTo("terraform");
        assertThat(r.workspace()).isEqualTo("prod");
        assertThat(r.vars()).containsExactly(Map.entry("image", "img-7"));
        assertThat(r.varFiles()).containsExactly("prod.tfvars");
        assertThat(r.secretVars()).containsExactly(Map.entry("db_password", "hunter2"));
        assertThat(r.secretVarSources()).containsExactly(Map.entry("db_password", "DB_PW"));
        assertThatThrownBy(() -> DeployRequest.fromRecord(record, Map.of())).hasMessage("secretVars: the record"
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
