package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneImagesBuilderTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeDigitalOcean api = new FakeDigitalOcean();

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        server.setDispatcher(api);
    }

    @Test
    void bindsTheSameFieldsAsTheStep() {
        PruneImagesBuilder b = new PruneImagesBuilder(" do-token ", 4);
        b.setRegex(" web-.* ");
        b.setDryRun(true);

        assertThat(b.getCredentialsId()).isEqualTo("do-token");
        assertThat(b.getKeep()).isEqualTo(4);
        assertThat(b.getRegex()).isEqualTo("web-.*");
        assertThat(b.isDryRun()).isTrue();
        assertThat(b.getPrefix()).isNull();
        assertThat(new PruneImagesBuilder.DescriptorImpl().getDisplayName()).isEqualTo("Prune old DigitalOcean snapshots");
        assertThat(new PruneImagesBuilder.DescriptorImpl().doCheckKeep(TestItems.configurable(), "-1").getMessage()).startsWith("keep: \"-1\"");
    }

    @Test
    void exportsWhatWasDeletedKeptAndProtectedForLaterBuildSteps() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        PruneImagesStepTest.deployed(f.build, "terraform", "2026-10-21T09:00:00Z", DeploymentRecord.SUCCESS, "100000002");
        PruneImagesBuilder b = new PruneImagesBuilder("do-token", 4);
        b.setPrefix("web-");
        b.setApiUrl(server.url("/").toString());

        b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

        EnvVars later = new EnvVars();
        f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
        assertThat(later).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PRUNED_IMAGE_IDS", "100000001,100000004",
                "KEPT_IMAGE_IDS", "100000008,100000007,100000006,100000005",
                "PROTECTED_IMAGE_IDS", "100000002",
                "PRUNE_DRY_RUN", "false"));
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000004");
        assertThat(f.log.text() + later).doesNotContain(TOKEN);
    }

    @Test
    void aRejectedTokenFailsTheBuildStepAndExportsNothing() {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("do-token", "dop_v1_expired_9a8b7c"));
        PruneImagesBuilder b = new PruneImagesBuilder("do-token", 2);
        b.setPrefix("web-");
        b.setApiUrl(server.url("/").toString());

        assertThatThrownBy(() -> b.perform(f.build, f.workspace, f.env, f.launcher, f.log)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("the DigitalOcean token in credential do-token was rejected")
                .hasMessageNotContaining("dop_v1_expired_9a8b7c");
        assertThat(f.build.getAction(ExportedVariablesAction.class)).isNull();
        assertThat(api.deletes()).isEmpty();
    }
}
