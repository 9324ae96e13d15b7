package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStreamRendererTest {
    private final List<String> lines = new ArrayList<>();
    private final SecretMasker secrets = new SecretMasker();
    private final BuildLog log = new BuildLog(lines::add, secrets);

    @Test
    void aPlanStreamBecomesOneReadableLinePerChangeAndTheSummary() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, true);
        Fixtures.lines("plan-replace-and-delete.jsonl").forEach(r::line);

        assertThat(lines).contains(
                "  -/+ terraform_data.dns: replace (cannot update)",
                "  - terraform_data.worker[0]: delete (delete because count index)",
                "  -/+ terraform_data.server: replace (cannot update)",
                "terraform_data.server: Refresh complete [id=0df9376c-1d63-e7c4-7f82-f579cd798450]",
                "Plan: 2 to add, 0 to change, 3 to destroy.");
        assertThat(lines).noneMatch(l -> l.startsWith("{"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void anApplyStreamShowsProgressAndOutputsButNotThePlannedChangesAgain() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, false);
        Fixtures.lines("apply-first-deploy.jsonl").forEach(r::line);

        assertThat(lines).contains("terraform_data.server: Creating...",
                "terraform_data.server: (local-exec): Executing: [\"/bin/sh\" \"-c\" \"sleep 0\"]",
                "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.",
                "Outputs: conn = **** (sensitive), image = \"img-1\"");
        assertThat(lines).noneMatch(l -> l.contains("Plan to create"));
    }

    @Test
    void aFailedApplyKeepsItsErrorDiagnosticWithTheAddress() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, false);
        Fixtures.lines("apply-local-exec-failed.jsonl").forEach(r::line);

        assertThat(r.errors()).containsExactly("terraform_data.x: local-exec provisioner error: Error running command"
                + " 'echo boom; exit 3': exit status 3. Output: boom");
        assertThat(lines).contains("ERROR: terraform_data.x: local-exec provisioner error");
    }

    @Test
    void anInterruptedApplyReportsTheHaltAsAnError() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, false);
        Fixtures.lines("apply-interrupted.jsonl").forEach(r::line);

        assertThat(r.errors()).contains("execution halted");
    }

    @Test
    void aHeldLockIsReadFromTheDiagnosticWithItsIdHolderAndTime() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, true);
        Fixtures.lines("plan-state-locked.jsonl").forEach(r::line);

        assertThat(r.errorText()).contains(StateLockedException.MARKER);
        StateLockedException.Lock lock = StateLockedException.Lock.parse(r.errorText()).orElseThrow();
        assertThat(lock.id()).isEqualTo("7947f183-5c16-8848-dd06-43abad6e914d");
        assertThat(lock.who()).isEqualTo("root@vm");
        assertThat(lock.created()).isEqualTo("2026-11-24 16:24:42.782986077 +0000 UTC");
        assertThat(lock.operation()).isEqualTo("OperationTypeApply");
        assertThat(lock.path()).isEqualTo("terraform.tfstate");
        assertThat(lock.unlockCommand("tofu")).isEqualTo("tofu force-unlock 7947f183-5c16-8848-dd06-43abad6e914d");
        assertThat(lines).contains("ERROR: Error acquiring the state lock");
    }

    @Test
    void aSensitiveOutputValueInTheStreamIsMaskedOnTheVeryLineThatRevealsItAndAfter() throws Exception {
        // OpenTofu leaves the value out; HashiCorp Terraform writes it. Same message, value added.
        String real = Fixtures.lines("apply-first-deploy.jsonl").stream().filter(l -> l.contains("\"type\":\"outputs\""))
                .findFirst().orElseThrow();
        ObjectNode msg = (ObjectNode) Json.MAPPER.readTree(real);
        ((ObjectNode) msg.path("outputs").path("conn")).put("value", "postgres://app:Pa55-word@db");
        msg.put("@message", "Outputs: conn=postgres://app:Pa55-word@db");
        JsonStreamRenderer r = new JsonStreamRenderer(log, false);

        r.line(Json.write(msg));
        r.line("a later plain line mentioning postgres://app:Pa55-word@db");

        assertThat(String.join("\n", lines)).doesNotContain("Pa55-word").contains("a later plain line mentioning ****");
    }

    @Test
    void sensitiveOutputsOfASavedPlanAreRegisteredBeforeApplyRuns() {
        JsonStreamRenderer.registerSensitivePlannedOutputs(Fixtures.json("show-first-deploy.json"), secrets);

        assertThat(secrets.mask("conn is postgres://app:s3cretPW@db, image is img-1")).isEqualTo("conn is ****, image is img-1");
    }

    @Test
    void plainTextLinesAreLoggedAsTheyAre() {
        JsonStreamRenderer r = new JsonStreamRenderer(log, true);

        r.line("│ Warning: Unable to open CLI configuration file");
        r.line("{not json");

        assertThat(lines).containsExactly("│ Warning: Unable to open CLI configuration file", "{not json");
    }
}
