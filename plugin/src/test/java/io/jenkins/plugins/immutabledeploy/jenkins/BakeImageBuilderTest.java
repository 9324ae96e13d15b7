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

class BakeImageBuilderTest {
    private static final String TOKEN = "dop_v1_builder-token-51e0";

    @TempDir
    Path tmp;

    @Test
    void bindsTheSameFieldsAndDefaultsAsTheStep() {
        BakeImageBuilder b = new BakeImageBuilder(" packer.json ");
        b.setOnError("");
        b.setOnly("a, b");
        b.setSecrets(List.of(new SecretBinding(" db ", " db_password ")));

        assertThat(b.getTemplate()).isEqualTo("packer.json");
        assertThat(b.getOnError()).isEqualTo("cleanup");
        assertThat(b.getOnly()).isEqualTo("a, b");
        assertThat(b.getSecrets()).singleElement().satisfies(s -> {
            assertThat(s.getCredentialsId()).isEqualTo("db");
            assertThat(s.getVariable()).isEqualTo("db_password");
        });
        assertThat(b.getTimeout()).isNull();
        assertThat(new BakeImageBuilder.DescriptorImpl().getDisplayName()).isEqualTo("Bake a machine image with Packer");
        assertThat(new BakeImageBuilder.DescriptorImpl().doCheckTemplate(TestItems.configurable(), " ").getMessage()).isEqualTo("template is required.");
    }

    @Test
    void exportsTheImageAsEnvironmentVariablesForLaterBuildSteps() throws Exception {
        Fixture f = new Fixture(tmp);
        f.copy("/packer/fixtures/digitalocean-snapshot-regions.out", "do.out");
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        BakeImageBuilder b = new BakeImageBuilder("do.out");
        b.setPacker(f.executable(Fixture.REPLAYING_PACKER));
        b.setCredentialsId("do-token");

        b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

        EnvVars later = new EnvVars();
        f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
        assertThat(later).containsOnlyKeys("IMAGE_ID", "IMAGE_NAME", "IMAGE_REGIONS", "IMAGE_ARTIFACT_ID", "IMAGE_BUILDER");
        assertThat(later.get("IMAGE_ID")).isNotBlank().isEqualTo(entry(f, "id"));
        assertThat(later.get("IMAGE_REGIONS")).contains(",").isEqualTo(entry(f, "regions").replace(", ", ","));
        assertThat(later.get("IMAGE_BUILDER")).isEqualTo(entry(f, "builder"));
        assertThat(f.log.text()).contains("token=**** api=****").doesNotContain(TOKEN);
        assertThat(later.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aWrongCredentialTypeFailsTheBuildStepWithTheMessage() {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.UserPass.of("do-token", "u", "p"));
        BakeImageBuilder b = new BakeImageBuilder("packer.json");
        b.setCredentialsId("do-token");

        assertThatThrownBy(() -> b.perform(f.build, f.workspace, f.env, f.launcher, f.log)).isInstanceOf(AbortException.class)
                .hasMessageContaining("\"do-token\" is a Username with password credential, but a Secret text credential is expected");
        assertThat(f.build.getAction(ExportedVariablesAction.class)).isNull();
    }

    @Test
    void abortingTheBuildInterruptsPackerWhichCleansUpBeforeTheStepFails() throws Exception {
        Fixture f = new Fixture(tmp);
        Path marker = tmp.resolve("marker");
        BakeImageBuilder b = new BakeImageBuilder("template.json");
        b.setPacker(f.trappingPacker(marker));
        Throwable failure = f.performAndAbort(b, () -> {
            BakeImageStepTest.waitFor(Path.of(marker + ".started"));
            return null;
        });

        assertThat(failure).as("the build is aborted, not failed").isInstanceOf(InterruptedException.class);
        assertThat(marker).hasContent("cleaned-up");
        assertThat(f.log.text()).contains("Cancelled: interrupting packer (SIGINT)");
    }

    private static String entry(Fixture f, String key) {
        return f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.BAKE).get(0).get(key);
    }
}
