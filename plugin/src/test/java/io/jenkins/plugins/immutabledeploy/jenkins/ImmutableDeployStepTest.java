package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImmutableDeployStepTest {
    static final String DB_PASSWORD = "Db-pa55-from-jenkins";
    static final String API_KEY = "ak_live_jenkins_51c8";
    static final String TOKEN = "dop_v1_deploy-token-77aa";

    @TempDir
    Path tmp;

    @Test
    void bindsTheRequiredFolderAndDefaultsEveryOptionalField() {
        ImmutableDeployStep s = new ImmutableDeployStep(" terraform ");

        assertThat(s.getDir()).isEqualTo("terraform");
        assertThat(new Object[] {s.getVars(), s.getVarFiles(), s.getCredentialsId(), s.getWorkspace(), s.getBackendConfig(),
            s.getLockTimeout(), s.getAllowDestroyOf(), s.getTimeout(), s.getTerraform()}).containsOnlyNulls();
        assertThat(List.of(s.isCreateWorkspace(), s.isAllowDestroy(), s.isAllowDestroyFirst(), s.isPlanOnly()))
                .containsOnly(false);
        assertThat(s.getSecrets()).isEmpty();
        assertThat(new ImmutableDeployStep.DescriptorImpl().getFunctionName()).isEqualTo("immutableDeploy");
    }

    @Test
    void formChecksSayWhichFieldIsWrong() {
        ImmutableDeployStep.DescriptorImpl d = new ImmutableDeployStep.DescriptorImpl();
        Item job = TestItems.configurable();

        assertThat(d.doCheckDir(job, " ").getMessage()).isEqualTo("dir is required.");
        assertThat(d.doCheckVars(job, "image").getMessage()).startsWith("vars: the line \"image\" is not NAME=VALUE.");
        assertThat(d.doCheckLockTimeout(job, "forever").getMessage()).contains("lockTimeout");
        assertThat(List.of(d.doCheckDir(job, "terraform"), d.doCheckVars(job, "image=img-1"), d.doCheckTimeout(job, "20m")))
                .allMatch(v -> v.kind == FormValidation.Kind.OK);
    }

    @Test
    void buildsOneEngineRequestFromTheFieldsWithSecretVariablesNamingTheirCredential() throws Exception {
        Fixture f = new Fixture(tmp);
        credentials();
        ImmutableDeployStep s = step("img-1");
        s.setVarFiles("prod.tfvars");
        s.setWorkspace("staging");
        s.setCreateWorkspace(true);
        s.setBackendConfig("bucket=state\nkey=app.tfstate");
        s.setLockTimeout("2m");
        s.setAllowDestroyOf("terraform_data.dns, terraform_data.worker*");
        s.setPlanOnly(true);
        s.setTimeout("30m");
        s.setTerraform("/opt/tofu/bin/tofu");

        DeployRequest r = DeployGlue.request(s, f.engine());

        assertThat(r.dir()).isEqualTo("terraform");
        assertThat(r.workingDirectory()).isEqualTo(f.dir.toString());
        assertThat(r.vars()).containsExactly(Map.entry("image", "img-1"));
        assertThat(r.varFiles()).containsExactly("prod.tfvars");
        assertThat(r.secretVars()).containsExactly(Map.entry("db_password", DB_PASSWORD), Map.entry("api_key", API_KEY));
        assertThat(r.secretVarSources()).containsExactly(Map.entry("db_password", "credentials:db"),
                Map.entry("api_key", "credentials:api"));
        assertThat(r.token()).isEqualTo(TOKEN);
        assertThat(List.of(r.workspace(), r.executable())).containsExactly("staging", "/opt/tofu/bin/tofu");
        assertThat(r.createWorkspace()).isTrue();
        assertThat(r.backendConfig()).containsExactly("bucket=state", "key=app.tfstate");
        assertThat(List.of(r.lockTimeout(), r.timeout())).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(30));
        assertThat(r.planOnly()).isTrue();
        assertThat(r.gate().allowDestroyOf()).containsExactly("terraform_data.dns", "terraform_data.worker*");
    }

    @Test
    void deploysWithRealOpenTofuReturnsTheResultAndKeepsTheRecordOnTheBuildWithoutAnySecret() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        credentials();
        TestStepContext context = f.context();
        step("img-1").start(context).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsKeys("changed", "drift", "summary", "changes", "outputs", "record", "tool", "toolVersion")
                .containsEntry("changed", true).containsEntry("tool", "tofu");
        assertThat(result.get("outputs")).isEqualTo(Map.of("image", "img-1", "server_id", ((Map<?, ?>) result.get("outputs")).get("server_id"),
                "database_url", "****"));
        DeploymentAction action = f.build.getAction(DeploymentAction.class);
        assertThat(action.getRecords()).singleElement().satisfies(r -> {
            assertThat(r.get("dir")).isEqualTo("terraform");
            assertThat(r.get("secretVars")).isEqualTo(Map.of("db_password", "credentials:db", "api_key", "credentials:api"));
        });
        assertThat(action.getEntries(DeploymentAction.DEPLOY)).singleElement()
                .satisfies(e -> assertThat(List.of(e.get("dir"), e.get("image"))).containsExactly("terraform", "img-1"));
        String everything = f.log.text() + result + action.getRecords() + action.getEntries();
        assertThat(everything).doesNotContain(DB_PASSWORD).doesNotContain(API_KEY).doesNotContain(TOKEN);
        assertThat(f.log.text()).contains("booting img-1 with key ****");
        assertThat(f.build.saves).as("the build was saved with the record at once, then with the journal entry")
                .startsWith("records=1 entries=0").endsWith("records=1 entries=1");
        assertThat(new LastDeploymentsAction(f.job).getDeployments()).singleElement()
                .satisfies(row -> assertThat(List.of(row.get("dir"), row.get("image"), row.get("result")))
                        .containsExactly("terraform", "img-1", "success"));
    }

    @Test
    void aMissingSecretCredentialFailsBeforeOpenTofuRuns() {
        Fixture f = new Fixture(tmp);
        ImmutableDeployStep s = new ImmutableDeployStep("terraform");
        s.setSecrets(List.of(new SecretBinding("gone", "db_password")));

        assertThatThrownBy(() -> DeployGlue.request(s, f.engine())).hasMessageStartingWith(
                "secrets: there is no credential with id \"gone\" visible to this build. Expected a Secret text or Username"
                        + " with password credential");
    }

    @Test
    void abortingTheBuildInterruptsOpenTofuAndTheStepFailsWithTheAbort() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        credentials();
        ImmutableDeployStep s = step("img-slow");
        s.setVars("image=img-slow\nsleep_seconds=60");
        TestStepContext context = f.context();
        StepExecution execution = s.start(context);
        execution.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!f.log.text().contains("booting img-slow")) {
            assertThat(System.nanoTime()).as("waiting for the apply to start").isLessThan(deadline);
            Thread.sleep(50);
        }

        Exception cause = new Exception("Aborted by carol");
        execution.stop(cause);

        assertThatThrownBy(context::await).isSameAs(cause);
        assertThat(f.log.text()).contains("Cancelled: interrupting tofu (SIGINT)");
    }

    @Test
    void theGateSaysHowToAllowTheDestroyAsAPipelineWritesIt() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        credentials();
        DeployGlue.deploy(step("img-1"), f.engine());
        ImmutableDeployStep withoutWorker = step("img-1");
        withoutWorker.setVars("image=img-1\nwith_worker=false");
        TestStepContext context = f.context();

        withoutWorker.start(context).start();

        assertThatThrownBy(context::await).hasMessageContaining("terraform_data.worker[0]")
                .hasMessageContaining("allow it with allowDestroy: true, optionally limited to addresses matching a"
                        + " pattern with allowDestroyOf.")
                .hasMessageNotContaining("--allow-destroy");
    }

    static void credentials() {
        TestCredentials.add(TestCredentials.Text.of("db", DB_PASSWORD));
        TestCredentials.add(TestCredentials.Text.of("api", API_KEY));
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
    }

    static ImmutableDeployStep step(String image) {
        ImmutableDeployStep s = new ImmutableDeployStep("terraform");
        s.setVars("image=" + image);
        s.setCredentialsId("do-token");
        s.setSecrets(List.of(new SecretBinding("db", "db_password"), new SecretBinding("api", "api_key")));
        return s;
    }
}
