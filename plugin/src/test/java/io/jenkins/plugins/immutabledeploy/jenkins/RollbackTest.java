package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Item;
import hudson.util.FormValidation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verifyDeploy(rollback: true), rollbackDeploy and its builder, against real OpenTofu deployments of earlier builds. */
class RollbackTest {
    @TempDir
    Path tmp;

    @Test
    void rollbackDeployBindsItsFieldsAndChecksThem() {
        RollbackDeployStep s = new RollbackDeployStep(" terraform ");
        s.setTo("20261124T100000.000Z-abcdef");

        assertThat(List.of(s.getDir(), s.getWorkspace(), s.getTo(), s.getStatus(), s.getVerifyTimeout()))
                .containsExactly("terraform", "default", "20261124T100000.000Z-abcdef", "200:299", "5m");
        assertThat(s.getUrls()).isNull();
        RollbackDeployStep.DescriptorImpl d = new RollbackDeployStep.DescriptorImpl();
        Item job = TestItems.configurable();
        assertThat(d.getFunctionName()).isEqualTo("rollbackDeploy");
        assertThat(d.doCheckDir(job, "").getMessage()).isEqualTo("dir is required.");
        assertThat(d.doCheckUrls(job, "").kind).as("URLs are optional").isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckUrls(job, "mailto:ops@example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void verifyDeployRollsBackToTheImageOfTheLastGoodBuildWhenTheNewOneIsUnhealthy() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        ImmutableDeployStepTest.credentials();
        DeployGlue.deploy(ImmutableDeployStepTest.step("img-1"), f.engine());
        TestBuild second = f.job.newBuild();
        EngineRun secondRun = new EngineRun(second, f.workspace, f.env, f.launcher, f.log);
        DeployGlue.deploy(ImmutableDeployStepTest.step("img-2"), secondRun);

        try (HealthServer server = new HealthServer(503)) {
            VerifyDeployStep verify = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url()));
            verify.setTimeout("1s");
            verify.setRollback(true);
            verify.setDir("terraform");
            verify.setCredentialsId("do-token");
            Map<String, Object> result = VerifyGlue.verify(verify, secretRun(second, f)).toMap();

            assertThat(result).containsEntry("healthy", false).containsEntry("rolledBack", true)
                    .containsEntry("rollbackHealthy", false);
            Object firstRecord = f.build.getAction(DeploymentAction.class).getRecords().get(0).get("id");
            assertThat(((Map<?, ?>) result.get("rolledBackTo")).get("id")).isEqualTo(firstRecord);
        }
        DeploymentAction.Entry rollback = second.getAction(DeploymentAction.class).getEntries(DeploymentAction.ROLLBACK).get(0);
        assertThat(rollback.get("image")).isEqualTo("img-1");
        assertThat(((Map<?, ?>) rollback.getResult().get("outputs")).get("image")).isEqualTo("img-1");
        assertThat(f.log.text()).doesNotContain(ImmutableDeployStepTest.DB_PASSWORD).doesNotContain(ImmutableDeployStepTest.TOKEN);
    }

    @Test
    void rollbackDeployRedeploysThePreviousSuccessfulDeploymentAndVerifiesIt() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        ImmutableDeployStepTest.credentials();
        DeployGlue.deploy(ImmutableDeployStepTest.step("img-1"), f.engine());
        DeployGlue.deploy(ImmutableDeployStepTest.step("img-2"), f.engine());
        try (HealthServer server = new HealthServer(200)) {
            RollbackDeployStep s = new RollbackDeployStep("terraform");
            s.setCredentialsId("do-token");
            s.setUrls(server.url());
            s.setInterval("100ms");
            s.setSuccessThreshold(1);
            TestStepContext context = f.context();
            s.start(context).start();

            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await();

            assertThat(result).containsEntry("rolledBack", true).containsEntry("rollbackHealthy", true);
            assertThat(((Map<?, ?>) ((Map<?, ?>) result.get("rolledBackTo")).get("vars")).get("image")).isEqualTo("img-1");
            assertThat(f.log.text() + result).doesNotContain(ImmutableDeployStepTest.DB_PASSWORD)
                    .doesNotContain(ImmutableDeployStepTest.API_KEY).doesNotContain(ImmutableDeployStepTest.TOKEN);
        }
    }

    @Test
    void rollbackDeployBuilderExportsTheOutcomeAndFailsWhenThereIsNothingToRollBackTo() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        ImmutableDeployStepTest.credentials();
        RollbackDeployBuilder nothing = new RollbackDeployBuilder("terraform");
        assertThatThrownBy(() -> nothing.perform(f.build, f.workspace, f.env, f.launcher, f.log))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("Rollback: ");

        DeployGlue.deploy(ImmutableDeployStepTest.step("img-1"), f.engine());
        DeployGlue.deploy(ImmutableDeployStepTest.step("img-2"), f.engine());
        RollbackDeployBuilder b = new RollbackDeployBuilder("terraform");
        b.setCredentialsId("do-token");
        b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

        EnvVars later = new EnvVars();
        f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
        String firstRecord = String.valueOf(f.build.getAction(DeploymentAction.class).getRecords().get(0).get("id"));
        assertThat(later).containsEntry("ROLLED_BACK", "true").containsEntry("ROLLED_BACK_TO", firstRecord)
                .containsEntry("ROLLBACK_HEALTHY", "null");
    }

    private static EngineRun secretRun(TestBuild build, Fixture f) {
        return new EngineRun(build, f.workspace, f.env, f.launcher, f.log);
    }
}
