package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.OnError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakeImageStepTest {
    private static final String TOKEN = "dop_v1_token-3f9a1c";
    private static final String DB_PASSWORD = "s3cr3t-db-pass-77";

    @TempDir
    Path tmp;

    @Test
    void bindsTheRequiredTemplateAndDefaultsEveryOptionalField() {
        BakeImageStep step = new BakeImageStep("  packer.pkr.hcl ");

        assertThat(step.getTemplate()).isEqualTo("packer.pkr.hcl");
        assertThat(step.getOnError()).isEqualTo("cleanup");
        assertThat(step.getSecrets()).isEmpty();
        assertThat(new Object[] {step.getVars(), step.getVarFiles(), step.getOnly(), step.getExcept(), step.getTimeout(),
            step.getPacker(), step.getCredentialsId()}).containsOnlyNulls();
        step.setOnError(" ");
        step.setTimeout("  ");
        assertThat(step.getOnError()).isEqualTo("cleanup");
        assertThat(step.getTimeout()).isNull();
    }

    @Test
    void descriptorNamesTheStepAndRequiresTheBuildContext() {
        BakeImageStep.DescriptorImpl d = new BakeImageStep.DescriptorImpl();

        assertThat(d.getFunctionName()).isEqualTo("bakeImage");
        assertThat(d.getDisplayName()).isEqualTo("Bake a machine image with Packer");
        assertThat(Set.<Object>copyOf(d.getRequiredContext())).containsExactlyInAnyOrder(Run.class, TaskListener.class, FilePath.class,
                Launcher.class, EnvVars.class);
        assertThat(d.clazz).isEqualTo(BakeImageStep.class);
    }

    @Test
    void formChecksSayWhichFieldIsWrongAndHowToFixIt() {
        BakeImageStep.DescriptorImpl d = new BakeImageStep.DescriptorImpl();
        Item job = TestItems.configurable();

        assertThat(d.doCheckTemplate(job, "").getMessage()).isEqualTo("template is required.");
        assertThat(d.doCheckVars(job, "region=ams3\nnot a pair").getMessage())
                .isEqualTo("vars: the line \"not a pair\" is not NAME=VALUE. Write one NAME=VALUE per line.");
        assertThat(d.doCheckTimeout(job, "5 parsecs").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckTimeout(job, "5 parsecs").getMessage()).contains("timeout");
        assertThat(d.doCheckOnError(job, "ask").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckOnError(job, "ask").getMessage()).contains("onError").contains("cleanup");
        for (FormValidation ok : List.of(d.doCheckTemplate(job, "packer.json"), d.doCheckVars(job, "a=b\n\nc=d=e"),
                d.doCheckTimeout(job, "1h30m"), d.doCheckTimeout(job, ""), d.doCheckOnError(job, "run-cleanup-provisioner"))) {
            assertThat(ok.kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void buildsOneEngineRequestFromTheFieldsWithCredentialsAsSecretVariables() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        TestCredentials.add(TestCredentials.UserPass.of("db", "app", DB_PASSWORD));
        TestCredentials.add(TestCredentials.Text.of("license", "lic-123"));
        BakeImageStep step = new BakeImageStep("packer.pkr.hcl");
        step.setVars("region=ams3\nrelease=v1.2.0");
        step.setVarFiles("prod.pkrvars.hcl, extra.pkrvars.hcl");
        step.setOnly("digitalocean.app");
        step.setExcept("null.debug\nfile.notes");
        step.setOnError("abort");
        step.setTimeout("30m");
        step.setCredentialsId("do-token");
        step.setSecrets(List.of(new SecretBinding("db", "db"), new SecretBinding("license", "license_key")));

        EngineRun engine = f.engine();
        BakeRequest r = BakeGlue.request(step, engine).bake();

        assertThat(r.template()).isEqualTo("packer.pkr.hcl");
        // Looked up when the bake runs, on the agent, in the build's IMMUTABLE_DEPLOY_TOOLS and PATH.
        assertThat(r.executable()).isNull();
        assertThat(r.workingDirectory()).isEqualTo(f.workspace.getRemote());
        assertThat(r.vars()).containsExactly(Map.entry("region", "ams3"), Map.entry("release", "v1.2.0"));
        assertThat(r.varFiles()).containsExactly("prod.pkrvars.hcl", "extra.pkrvars.hcl");
        assertThat(r.only()).containsExactly("digitalocean.app");
        assertThat(r.except()).containsExactly("null.debug", "file.notes");
        assertThat(r.onError()).isEqualTo(OnError.ABORT);
        assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.token()).isEqualTo(TOKEN);
        assertThat(r.secretVars()).containsExactly(Map.entry("db_username", "app"), Map.entry("db_password", DB_PASSWORD),
                Map.entry("license_key", "lic-123"));
        assertThat(TestCredentials.tracked()).extracting(c -> ((com.cloudbees.plugins.credentials.common.IdCredentials) c).getId())
                .containsExactly("do-token", "db", "license");
        assertThat(engine.mask("t=" + TOKEN + " p=" + DB_PASSWORD)).isEqualTo("t=**** p=****");
    }

    @Test
    void anExplicitPackerPathWinsOverTheToolsFolder() throws Exception {
        Fixture f = new Fixture(tmp);
        BakeImageStep step = new BakeImageStep("packer.json");
        step.setPacker("/opt/packer/bin/packer");

        assertThat(BakeGlue.request(step, f.engine()).bake().executable()).isEqualTo("/opt/packer/bin/packer");
    }

    @Test
    void aMissingCredentialFailsNamingTheIdAndTheExpectedType() {
        Fixture f = new Fixture(tmp);
        BakeImageStep step = new BakeImageStep("packer.json");
        step.setCredentialsId("nope");

        assertThatThrownBy(() -> BakeGlue.request(step, f.engine())).isInstanceOf(AbortException.class)
                .hasMessage("credentialsId: there is no credential with id \"nope\" visible to this build. Expected a Secret"
                        + " text credential; add it in Manage Jenkins > Credentials or in the folder, or fix the id.");
    }

    @Test
    void aCredentialOfTheWrongTypeFailsNamingIdExpectedAndActualType() {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.UserPass.of("do-token", "u", "p"));
        TestCredentials.add(new TestCredentials.Certificate("cert", "a certificate"));
        BakeImageStep step = new BakeImageStep("packer.json");
        step.setCredentialsId("do-token");

        assertThatThrownBy(() -> BakeGlue.request(step, f.engine()))
                .hasMessage("credentialsId: the credential \"do-token\" is a Username with password credential, but a"
                        + " Secret text credential is expected. Choose a credential of the expected type.");
        BakeImageStep withSecret = new BakeImageStep("packer.json");
        withSecret.setSecrets(List.of(new SecretBinding("cert", "tls")));
        assertThatThrownBy(() -> BakeGlue.request(withSecret, f.engine()))
                .hasMessageContaining("secrets: the credential \"cert\" is a StandardCredentials (Certificate) credential,"
                        + " but a Secret text or Username with password credential is expected");
    }

    @Test
    void bakesWithRealPackerReturnsTheResultMapAndNeverShowsTheSecrets() throws Exception {
        Fixture f = new Fixture(tmp);
        f.copy("/packer/templates/basic.pkr.hcl", "basic.pkr.hcl");
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        TestCredentials.add(TestCredentials.Text.of("db", DB_PASSWORD));
        BakeImageStep step = new BakeImageStep("basic.pkr.hcl");
        step.setVars("release=v9");
        step.setCredentialsId("do-token");
        step.setSecrets(List.of(new SecretBinding("db", "db_password")));
        TestStepContext context = f.context();

        assertThat(step.start(context).start()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsOnlyKeys("artifactId", "id", "name", "regions", "builder", "builds", "packerVersion",
                "durationSeconds", "skipped");
        assertThat(result.get("packerVersion")).isEqualTo("1.9.4");
        assertThat(f.log.text()).contains("password=****").contains("token=**** api=****").contains("release=v9");
        assertThat(f.log.text() + result).doesNotContain(TOKEN).doesNotContain(DB_PASSWORD);
        assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.BAKE))
                .singleElement().extracting(DeploymentAction.Entry::getResult).isEqualTo(result);
    }

    @Test
    void abortingTheBuildInterruptsPackerWhichCleansUpBeforeTheStepFails() throws Exception {
        Fixture f = new Fixture(tmp);
        Path marker = tmp.resolve("marker");
        BakeImageStep step = new BakeImageStep("template.json");
        step.setPacker(f.trappingPacker(marker));
        TestStepContext context = f.context();
        StepExecution execution = step.start(context);
        execution.start();
        waitFor(Path.of(marker + ".started"));

        Exception cause = new Exception("Aborted by alice");
        execution.stop(cause);

        assertThatThrownBy(context::await).isSameAs(cause);
        assertThat(marker).hasContent("cleaned-up");
        assertThat(f.log.text()).contains("Cancelled: interrupting packer (SIGINT)").contains("interrupted - cleaning up");
    }

    @Test
    void abortingARealPackerBuildLetsItsProvisionerCleanUp() throws Exception {
        Fixture f = new Fixture(tmp);
        f.copy("/packer/templates/slow.pkr.hcl", "slow.pkr.hcl");
        Path marker = tmp.resolve("cleanup-marker");
        BakeImageStep step = new BakeImageStep("slow.pkr.hcl");
        step.setVars("marker=" + marker);
        TestStepContext context = f.context();
        StepExecution execution = step.start(context);
        execution.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!f.log.text().contains("provisioning-started")) {
            assertThat(System.nanoTime()).as("waiting for the provisioner").isLessThan(deadline);
            Thread.sleep(50);
        }

        Exception cause = new Exception("Aborted by dave");
        execution.stop(cause);

        assertThatThrownBy(context::await).isSameAs(cause);
        assertThat(marker).as("SIGINT to Packer's process group reached the provisioner's INT trap").hasContent("cleaned-up");
        assertThat(f.log.text()).doesNotContain("provisioning-finished").doesNotContain("did not stop within");
    }

    static void waitFor(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
