package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys a real configuration with the real OpenTofu (terraform_data and local-exec only). */
class TerraformDeployerTest {
    @TempDir
    Path tmp;

    TofuProject project;

    @BeforeEach
    void copyConfiguration() {
        project = new TofuProject(tmp);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFirstDeployCreatesEverythingAndReturnsTheOutputsWithTheSensitiveOneMasked() throws Exception {
        TofuProject.Session s = project.session();

        DeployResult result = s.deployer.deploy(project.request("img-1").build(), Cancellation.none());

        assertThat(result.changed()).isTrue();
        assertThat(result.drift()).isFalse();
        assertThat(result.summary().counts()).containsExactly(
                Map.entry("add", 4), Map.entry("change", 0), Map.entry("replace", 0), Map.entry("destroy", 0));
        assertThat(result.summary().changes()).extracting(ResourceChange::address).containsExactlyInAnyOrder(
                "terraform_data.server", "terraform_data.dns", "terraform_data.worker[0]", "terraform_data.release");
        assertThat(result.outputs()).containsEntry("image", "img-1").containsEntry("database_url", "****");
        assertThat((String) result.outputs().get("server_id")).matches("[0-9a-f-]{36}");
        assertThat(result.tool()).isEqualTo("tofu");
        assertThat(result.toolVersion()).isEqualTo("1.10.10");

        Map<String, Object> map = result.toMap();
        assertThat(map).containsOnlyKeys("changed", "drift", "summary", "changes", "outputs", "record", "tool",
                "toolVersion", "durationSeconds");
        assertThat(map.get("changes")).asList().contains(Map.of("address", "terraform_data.server", "action", "create"));

        assertThat(result.record()).isEqualTo(result.deploymentRecord().id());
        Path record = project.recordStore().file(result.deploymentRecord());
        assertThat(record).exists().startsWith(project.records);
        @SuppressWarnings("unchecked")
        Map<String, Object> saved = Json.MAPPER.readValue(record.toFile(), Map.class);
        assertThat(saved.get("result")).isEqualTo("success");
        assertThat((Map<String, Object>) saved.get("vars")).containsEntry("image", "img-1");
        assertThat((Map<String, Object>) saved.get("secretVars")).containsEntry("db_password", "DB_PASSWORD").containsEntry("api_key", "API_KEY");
        assertThat((Map<String, Object>) saved.get("outputs")).containsEntry("database_url", "****");
        assertThat((String) saved.get("planChecksum")).matches("[0-9a-f]{64}");
        // What was deployed, from the plan: defaults included, secret and sensitive variables never.
        assertThat((Map<String, Object>) saved.get("variables")).containsEntry("image", "img-1")
                .containsEntry("dns_name", "app-1").containsEntry("with_worker", "true")
                .doesNotContainKeys("db_password", "api_key");
        assertThat(saved.get("image")).isEqualTo("img-1");
        assertThat(saved.get("path")).isEqualTo(project.dir.toString());

        // The plan was rendered readably, and the tool printed the unmarked secret, which the log masked.
        assertThat(s.text()).contains("  + terraform_data.server: create", "Apply complete!",
                "booting img-1 with key **** token ****");
        assertNoSecretAnywhere(s, Json.write(map));
        assertThat(project.dir).isDirectoryNotContaining("glob:**/.immutable-deploy-plan-*");
    }

    @Test
    void aSecondDeployWithTheSameInputsChangesNothingAndNeverApplies() {
        project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());
        TofuProject.Session second = project.session();

        DeployResult result = second.deployer.deploy(project.request("img-1").build(), Cancellation.none());

        assertThat(result.changed()).isFalse();
        assertThat(result.summary()).isEqualTo(PlanSummary.EMPTY);
        assertThat(result.outputs()).containsEntry("image", "img-1").containsEntry("database_url", "****");
        assertThat(second.text()).contains("No changes: nothing to apply.").doesNotContain("$ tofu apply");
        List<DeploymentRecord> records = project.recordStore().list(project.dir.toString(), "default");
        assertThat(records).extracting(DeploymentRecord::result).containsExactly("no-changes", "success");
    }

    @Test
    void aNewImageReplacesTheServerBuildingTheNewOneFirst() {
        DeployResult first = project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());
        TofuProject.Session s = project.session();

        DeployResult second = s.deployer.deploy(project.request("img-2").build(), Cancellation.none());

        assertThat(second.summary().changes()).containsExactlyInAnyOrder(
                new ResourceChange("terraform_data.server", ResourceChange.Action.REPLACE),
                new ResourceChange("terraform_data.worker[0]", ResourceChange.Action.UPDATE));
        assertThat(second.summary().counts()).containsEntry("replace", 1).containsEntry("change", 1)
                .containsEntry("destroy", 0).containsEntry("add", 0);
        assertThat(second.outputs()).containsEntry("image", "img-2");
        assertThat(second.outputs().get("server_id")).isNotEqualTo(first.outputs().get("server_id"));
        assertThat(s.text()).contains("  -/+ terraform_data.server: replace");
    }

    @Test
    void theGateStopsARemovedResourceNamingItAndLetsItThroughWhenItsAddressIsAllowed() throws Exception {
        project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());
        String stateBefore = Files.readString(project.dir.resolve("terraform.tfstate"));

        DestroyGateException stop = catchThrowableOfType(DestroyGateException.class, () -> project.session().deployer
                .deploy(project.request("img-1").var("with_worker", "false").build(), Cancellation.none()));

        assertThat(stop.deletes()).containsExactly("terraform_data.worker[0]");
        assertThat(stop.getMessage()).contains("terraform_data.worker[0]", "allowDestroy: true", "nothing was changed");
        assertThat(stop.summary().counts()).containsEntry("destroy", 1);
        assertThat(stop.result().deploymentRecord().result()).isEqualTo("failed");
        assertThat(Files.readString(project.dir.resolve("terraform.tfstate"))).isEqualTo(stateBefore);

        DeployResult allowed = project.session().deployer.deploy(project.request("img-1").var("with_worker", "false")
                .allowDestroyOf("terraform_data.worker[*]").build(), Cancellation.none());

        assertThat(allowed.changed()).isTrue();
        assertThat(allowed.summary().changes()).containsExactly(
                new ResourceChange("terraform_data.worker[0]", ResourceChange.Action.DELETE));
    }

    @Test
    void theGateStopsADestroyFirstReplacementUnlessThatDowntimeIsAllowed() {
        project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());

        DestroyGateException stop = catchThrowableOfType(DestroyGateException.class, () -> project.session().deployer
                .deploy(project.request("img-1").var("dns_name", "app-2").allowDestroy(true).build(), Cancellation.none()));

        assertThat(stop.destroyFirstReplacements()).containsExactly("terraform_data.dns");
        assertThat(stop.deletes()).isEmpty();
        assertThat(stop.getMessage()).contains("terraform_data.dns", "allowDestroyFirst: true", "create_before_destroy");

        DeployResult allowed = project.session().deployer.deploy(project.request("img-1").var("dns_name", "app-2")
                .allowDestroyFirst(true).build(), Cancellation.none());

        assertThat(allowed.toMap().get("changes")).asList()
                .containsExactly(Map.of("address", "terraform_data.dns", "action", "replace-destroy-first"));
    }

    @Test
    void aLockHeldByAnotherRunIsReportedWithItsIdHolderAndTheCommandToReleaseIt() throws Exception {
        TofuProject.Session holder = project.session();
        Cancellation stopHolder = new Cancellation();
        CompletableFuture<DeployResult> slow = startSlowApply(holder, stopHolder);
        Path lockFile = project.dir.resolve(".terraform.tfstate.lock.info");
        try {
            String lockId = (String) Json.MAPPER.readValue(lockFile.toFile(), Map.class).get("ID");
            TofuProject.Session second = project.session();

            StateLockedException locked = catchThrowableOfType(StateLockedException.class, () -> second.deployer.deploy(
                    project.request("img-2").lockTimeout(Duration.ofSeconds(1)).build(), Cancellation.none()));

            assertThat(locked.lock().id()).isEqualTo(lockId);
            assertThat(locked.lock().who()).isNotBlank();
            assertThat(locked.lock().created()).isNotBlank();
            assertThat(locked.getMessage()).contains("locked by another run", "lock " + lockId,
                    "held by " + locked.lock().who(), "since " + locked.lock().created(),
                    "tofu force-unlock " + lockId, "never releases");
            assertThat(lockFile).as("the lock is never force-released by us").exists();
            // Meanwhile the holder's saved plan (it holds the variables' values) is readable by its owner only.
            try (var plans = Files.newDirectoryStream(project.dir, ".immutable-deploy-plan-*")) {
                Path planDir = plans.iterator().next();
                assertThat(Files.getPosixFilePermissions(planDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
                assertThat(planDir.resolve("deploy.tfplan")).exists();
            }
            assertThat(locked.result().deploymentRecord().result()).isEqualTo("failed");
        } finally {
            stopHolder.cancel();
            assertThatThrownBy(() -> slow.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(DeployException.class);
        }
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void anAbortedApplyStopsCleanlyReleasesTheLockAndARerunSucceeds() throws Exception {
        TofuProject.Session s = project.session();
        Cancellation cancel = new Cancellation();
        CompletableFuture<DeployResult> slow = startSlowApply(s, cancel);
        Path lockFile = project.dir.resolve(".terraform.tfstate.lock.info");
        long cancelledAt = System.nanoTime();

        cancel.cancel();

        DeployException aborted = catchThrowableOfType(DeployException.class, () -> {
            try {
                slow.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(30));
        assertThat(aborted.getMessage()).contains("cancelled during tofu apply", "stopped cleanly");
        assertThat(aborted.result().deploymentRecord().result()).isEqualTo("failed");
        assertThat(s.text()).contains("interrupting tofu (SIGINT)").doesNotContain("killing it");
        assertThat(lockFile).doesNotExist();
        Map<?, ?> state = Json.MAPPER.readValue(project.dir.resolve("terraform.tfstate").toFile(), Map.class);
        assertThat(Json.write(state)).contains("\"terraform_data\"", "\"dns\"");

        DeployResult rerun = project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());

        assertThat(rerun.changed()).isTrue();
        assertThat(rerun.outputs()).containsEntry("image", "img-1");
        assertThat(project.recordStore().list(project.dir.toString(), "default"))
                .extracting(DeploymentRecord::result).containsExactly("success", "failed");
    }

    @Test
    void aDeployThatRunsOutOfTimeIsInterruptedAndSaysSo() throws Exception {
        TofuProject.Session s = project.session();

        DeployException late = catchThrowableOfType(DeployException.class, () -> s.deployer.deploy(project.request("img-1")
                .var("sleep_seconds", "60").timeout(Duration.ofSeconds(4)).build(), Cancellation.none()));

        assertThat(late.getMessage()).contains("ran longer than 4s during tofu apply", "stopped cleanly");
        assertThat(project.dir.resolve(".terraform.tfstate.lock.info")).doesNotExist();
        assertThat(late.result().duration()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aPlanOnlyRunReportsDriftWhenAFileTheConfigurationReadsChangedBehindThePipelinesBack() throws Exception {
        project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());
        DeployResult clean = project.session().deployer.deploy(project.request("img-1").planOnly(true).build(),
                Cancellation.none());
        assertThat(clean.drift()).isFalse();
        Files.writeString(project.dir.resolve("release.txt"), "v1.0.1-hotfix\n");
        TofuProject.Session s = project.session();

        DeployResult drifted = s.deployer.deploy(project.request("img-1").planOnly(true).build(), Cancellation.none());

        assertThat(drifted.drift()).isTrue();
        assertThat(drifted.changed()).isFalse();
        assertThat(drifted.summary().changes()).containsExactly(
                new ResourceChange("terraform_data.release", ResourceChange.Action.UPDATE));
        assertThat(drifted.record()).isNull();
        assertThat(s.text()).contains("Drift:", "terraform_data.release").doesNotContain("$ tofu apply");
        assertThat(Files.readString(project.dir.resolve("terraform.tfstate"))).contains("v1.0.0").doesNotContain("hotfix");
        assertThat(project.recordStore().list(project.dir.toString(), "default")).hasSize(1);
    }

    @Test
    void aFailedApplyCarriesTheToolsDiagnosticsMaskedAndRecordsTheFailure() {
        TofuProject.Session s = project.session();

        DeployException failed = catchThrowableOfType(DeployException.class, () -> s.deployer.deploy(
                project.request("img-bad && false #").build(), Cancellation.none()));

        assertThat(failed).isNotInstanceOf(DestroyGateException.class);
        assertThat(failed.getMessage()).contains("tofu apply failed (exit code 1)", "local-exec provisioner error",
                "with key ****");
        assertThat(failed.diagnostics()).anySatisfy(d -> assertThat(d).contains("terraform_data.server"));
        DeploymentRecord record = failed.result().deploymentRecord();
        assertThat(record.result()).isEqualTo("failed");
        assertThat(record.message()).contains("local-exec provisioner error");
        assertNoSecretAnywhere(s, failed.getMessage() + failed.diagnostics());
    }

    @Test
    void aSecretValueOnTheCommandLineIsRefusedBeforeTheToolStarts() {
        TofuProject.Session s = project.session();

        EngineException refused = catchThrowableOfType(EngineException.class, () -> s.deployer.deploy(
                project.request(TofuProject.API_KEY).build(), Cancellation.none()));

        assertThat(refused.getMessage()).contains("contains a secret", "environment variables")
                .doesNotContain(TofuProject.API_KEY);
        assertThat(project.dir.resolve("terraform.tfstate")).doesNotExist();
        assertNoSecretAnywhere(s, refused.getMessage());
    }

    @Test
    void aRecordCanBeDeployedAgainToReturnToThePreviousImage() {
        project.session().deployer.deploy(project.request("img-1").build(), Cancellation.none());
        DeployResult bad = project.session().deployer.deploy(project.request("img-2").build(), Cancellation.none());
        FileRecordStore store = project.recordStore();
        DeploymentRecord previous = store.previousSuccessful(project.dir.toString(), "default",
                bad.deploymentRecord().id()).orElseThrow();

        DeployRequest settings = DeployRequest.builder(project.dir.toString())
                .executable(project.request("x").build().executable())
                .environment("TF_CLI_CONFIG_FILE", project.cliConfig.toString())
                .token(TofuProject.TOKEN)
                .build();
        assertThatThrownBy(() -> settings.redeploy(previous, Map.of("db_password", TofuProject.DB_PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api_key").hasMessageContaining("API_KEY");
        DeployRequest again = settings.redeploy(previous, Map.of(
                "db_password", TofuProject.DB_PASSWORD, "api_key", TofuProject.API_KEY));
        DeployResult rolledBack = project.session().deployer.deploy(again, Cancellation.none());

        assertThat(again.vars()).containsEntry("image", "img-1");
        assertThat(rolledBack.outputs()).containsEntry("image", "img-1");
        assertThat(rolledBack.summary().changes()).contains(
                new ResourceChange("terraform_data.server", ResourceChange.Action.REPLACE));
        assertThat(store.list(project.dir.toString(), "default")).hasSize(3);
    }

    @Test
    void aNamedWorkspaceMustExistUnlessCreationIsAskedFor() {
        DeployException missing = catchThrowableOfType(DeployException.class, () -> project.session().deployer.deploy(
                project.request("img-1").workspace("staging").build(), Cancellation.none()));
        assertThat(missing.getMessage()).contains("workspace staging does not exist", "Create it with createWorkspace: true")
                .doesNotContain("--");
        DeployException fromTheCommandLine = catchThrowableOfType(DeployException.class, () -> project.session().deployer
                .deploy(project.request("img-1").workspace("staging").names(Vocabulary.OPTIONS).build(), Cancellation.none()));
        assertThat(fromTheCommandLine.getMessage()).contains("Create it with --create-workspace,")
                .doesNotContain("createWorkspace");

        DeployResult created = project.session().deployer.deploy(
                project.request("img-1").workspace("staging").createWorkspace(true).build(), Cancellation.none());

        assertThat(created.changed()).isTrue();
        assertThat(project.dir.resolve("terraform.tfstate.d/staging/terraform.tfstate")).exists();
        assertThat(project.recordStore().file(created.deploymentRecord()).getParent().getFileName()).hasToString("staging");
        assertThat(project.recordStore().list(project.dir.toString(), "staging")).extracting(DeploymentRecord::id)
                .first().isEqualTo(created.record());
    }

    @Test
    void aVariableFileRelativeToTheFolderIsReadAndRecorded() throws Exception {
        Files.writeString(project.dir.resolve("small.tfvars"), "with_worker = false\n");

        DeployResult result = project.session().deployer.deploy(project.request("img-1").varFile("small.tfvars").build(),
                Cancellation.none());

        assertThat(result.summary().changes()).extracting(ResourceChange::address).doesNotContain("terraform_data.worker[0]")
                .hasSize(3);
        assertThat(result.deploymentRecord().varFiles()).containsExactly("small.tfvars");
    }

    @Test
    void backendSettingsReachInitAsPairsOrAsAFile() throws Exception {
        TofuProject pairs = new TofuProject(tmp.resolve("pairs"));
        TofuProject file = new TofuProject(tmp.resolve("file"));
        Files.writeString(file.dir.resolve("backend.hcl"), "path = \"from-file.tfstate\"\n");

        pairs.session().deployer.deploy(pairs.request("img-1").backendConfig("path=prod.tfstate").build(),
                Cancellation.none());
        file.session().deployer.deploy(file.request("img-1").backendConfig("backend.hcl").build(), Cancellation.none());

        assertThat(pairs.dir.resolve("prod.tfstate")).content().contains("terraform_data");
        assertThat(pairs.dir.resolve("terraform.tfstate")).doesNotExist();
        assertThat(file.dir.resolve("from-file.tfstate")).content().contains("terraform_data");
    }

    private void assertNoSecretAnywhere(TofuProject.Session s, String returned) {
        for (String secret : List.of(TofuProject.DB_PASSWORD, TofuProject.API_KEY, TofuProject.TOKEN)) {
            assertThat(s.text()).doesNotContain(secret);
            assertThat(returned).doesNotContain(secret);
            assertThat(project.filesOutsideStateContaining(secret)).isEmpty();
        }
    }

    /** Starts a first deploy whose server provisioner sleeps a minute, and returns once apply holds the lock. */
    private CompletableFuture<DeployResult> startSlowApply(TofuProject.Session session, Cancellation cancel)
            throws InterruptedException {
        CompletableFuture<DeployResult> slow = CompletableFuture.supplyAsync(() -> session.deployer.deploy(
                project.request("img-1").var("sleep_seconds", "60").build(), cancel));
        Path lockFile = project.dir.resolve(".terraform.tfstate.lock.info");
        waitUntil(() -> session.text().contains("Provisioning with 'local-exec'") && Files.exists(lockFile));
        return slow;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the condition");
            }
            Thread.sleep(50);
        }
    }
}
