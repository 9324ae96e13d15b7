package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyDeployBuilderTest {
    private static final String API_KEY = "Bearer builder-key-0a9f";

    @TempDir
    Path tmp;

    @Test
    void bindsTheSameFieldsAndDefaultsAsTheStep() {
        VerifyDeployBuilder b = new VerifyDeployBuilder("https://a.example/health");
        b.setRollback(true);
        b.setDir(" terraform ");
        b.setSuccessThreshold(5);

        assertThat(b.getUrls()).isEqualTo("https://a.example/health");
        assertThat(List.of(b.getMethod(), b.getStatus(), b.getTimeout(), b.getWorkspace(), b.getDir()))
                .containsExactly("GET", "200:299", "5m", "default", "terraform");
        assertThat(b.isRollback()).isTrue();
        assertThat(b.getSuccessThreshold()).isEqualTo(5);
        assertThat(new VerifyDeployBuilder.DescriptorImpl().doCheckUrls(TestItems.configurable(), "").getMessage())
                .isEqualTo("urls: at least one URL to check is required.");
    }

    @Test
    void exportsVerifyHealthyForLaterBuildStepsAndMasksTheSecretHeader() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("key", API_KEY));
        try (HealthServer server = new HealthServer(200)) {
            VerifyDeployBuilder b = new VerifyDeployBuilder(server.url());
            b.setInterval("100ms");
            b.setSuccessThreshold(2);
            b.setSecretHeaders(List.of(new SecretBinding("key", "Authorization")));

            b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

            EnvVars later = new EnvVars();
            f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
            assertThat(later).containsEntry("VERIFY_HEALTHY", "true").containsEntry("VERIFY_FAILED_URLS", "")
                    .doesNotContainKey("ROLLED_BACK");
            assertThat(server.authorizations).contains(API_KEY);
            assertThat(f.log.text() + later).doesNotContain(API_KEY);
        }
    }

    @Test
    void anUnhealthyDeploymentExportsTheFailureAndFailsTheBuildStep() throws Exception {
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(502)) {
            VerifyDeployBuilder b = new VerifyDeployBuilder(server.url());
            b.setInterval("100ms");
            b.setTimeout("1s");

            assertThatThrownBy(() -> b.perform(f.build, f.workspace, f.env, f.launcher, f.log))
                    .isInstanceOf(AbortException.class).hasMessageContaining(server.url() + " did not become healthy");

            EnvVars later = new EnvVars();
            f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
            assertThat(later).containsEntry("VERIFY_HEALTHY", "false").containsEntry("VERIFY_FAILED_URLS", server.url());
        }
    }

    @Test
    void abortingTheBuildCancelsTheVerification() throws Exception {
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(503)) {
            VerifyDeployBuilder b = new VerifyDeployBuilder(server.url());
            b.setInterval("100ms");
            Throwable failure = f.performAndAbort(b, () -> {
                Thread.sleep(500);
                return null;
            });

            assertThat(failure).as("the build is aborted, not failed").isInstanceOf(InterruptedException.class);
            assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY).get(0).get("cancelled"))
                    .isEqualTo("true");
        }
    }
}
