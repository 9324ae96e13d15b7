package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImmutableDeployBuilderTest {
    @TempDir
    Path tmp;

    @Test
    void bindsTheSameFieldsAndDefaultsAsTheStep() {
        ImmutableDeployBuilder b = new ImmutableDeployBuilder("terraform");
        b.setAllowDestroy(true);
        b.setLockTimeout(" ");

        assertThat(b.getDir()).isEqualTo("terraform");
        assertThat(b.isAllowDestroy()).isTrue();
        assertThat(b.getLockTimeout()).isNull();
        assertThat(new ImmutableDeployBuilder.DescriptorImpl().getDisplayName()).isEqualTo("Deploy with Terraform or OpenTofu");
        assertThat(new ImmutableDeployBuilder.DescriptorImpl().doCheckDir(TestItems.configurable(), "").getMessage()).isEqualTo("dir is required.");
    }

    @Test
    void exportsTheChangeAndTheNonSensitiveOutputsForLaterBuildSteps() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        ImmutableDeployStepTest.credentials();
        ImmutableDeployBuilder b = builder("img-7");

        b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

        EnvVars later = new EnvVars();
        f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
        assertThat(later).containsEntry("DEPLOY_CHANGED", "true").containsEntry("DEPLOY_DRIFT", "false")
                .containsEntry("DEPLOY_ADD", "4").containsEntry("DEPLOY_DESTROY", "0")
                .containsEntry("DEPLOY_OUTPUT_IMAGE", "img-7").containsEntry("DEPLOY_TOOL", "tofu")
                .containsKeys("DEPLOY_OUTPUT_SERVER_ID", "DEPLOY_RECORD", "DEPLOY_TOOL_VERSION", "DEPLOY_CHANGE", "DEPLOY_REPLACE")
                .doesNotContainKey("DEPLOY_OUTPUT_DATABASE_URL");
        assertThat(later.toString() + f.log.text()).doesNotContain(ImmutableDeployStepTest.DB_PASSWORD)
                .doesNotContain(ImmutableDeployStepTest.API_KEY).doesNotContain(ImmutableDeployStepTest.TOKEN);
    }

    @Test
    void abortingTheBuildInterruptsOpenTofu() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        ImmutableDeployStepTest.credentials();
        ImmutableDeployBuilder b = builder("img-slow");
        b.setVars("image=img-slow\nsleep_seconds=60");

        Throwable failure = f.performAndAbort(b, () -> {
            while (!f.log.text().contains("booting img-slow")) {
                Thread.sleep(50);
            }
            return null;
        });

        assertThat(failure).as("the build is aborted, not failed").isInstanceOf(InterruptedException.class);
        assertThat(f.log.text()).contains("Cancelled: interrupting tofu (SIGINT)");
        assertThat(f.build.getAction(ExportedVariablesAction.class)).isNull();
    }

    private static ImmutableDeployBuilder builder(String image) {
        ImmutableDeployBuilder b = new ImmutableDeployBuilder("terraform");
        b.setVars("image=" + image);
        b.setCredentialsId("do-token");
        b.setSecrets(List.of(new SecretBinding("db", "db_password"), new SecretBinding("api", "api_key")));
        return b;
    }
}
