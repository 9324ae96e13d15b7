package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bakeImage(skipIfExists: true, imageName: ...)}: a re-run of the same release does not bake twice. */
class BakeSkipIfExistsTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeDigitalOcean api = new FakeDigitalOcean();

    @TempDir
    Path tmp;

    private Fixture f;

    @BeforeEach
    void start() {
        server.setDispatcher(api);
        f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
    }

    private BakeImageStep step(String template, String imageName) {
        BakeImageStep step = new BakeImageStep(template);
        step.setSkipIfExists(true);
        step.setImageName(imageName);
        step.setCredentialsId("do-token");
        step.setApiUrl(server.url("/").toString());
        return step;
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExistingSnapshotIsReturnedAsTheImageWithoutRunningPacker() throws Exception {
        BakeImageStep step = step("packer.pkr.hcl", " web-v1.4.0 ");
        step.setPacker(tmp.resolve("no-packer-here").toString());
        TestStepContext context = f.context();

        step.start(context).start();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsExactly(
                Map.entry("artifactId", "nyc3,sfo3:100000007"),
                Map.entry("id", "100000007"),
                Map.entry("name", "web-v1.4.0"),
                Map.entry("regions", List.of("nyc3", "sfo3")),
                Map.entry("builder", "digitalocean"),
                Map.entry("builds", List.of()),
                Map.entry("packerVersion", ""),
                Map.entry("durationSeconds", 0.0),
                Map.entry("skipped", true));
        assertThat(f.log.text()).contains("Skipped the bake: snapshot web-v1.4.0 already exists (nyc3,sfo3:100000007)")
                .doesNotContain(TOKEN);
        assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.BAKE))
                .singleElement().extracting(DeploymentAction.Entry::getResult).isEqualTo(result);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutASnapshotOfThatNameTheRealPackerBakesWithTheSameKeys() throws Exception {
        f.copy("/packer/templates/basic.pkr.hcl", "basic.pkr.hcl");
        BakeImageStep step = step("basic.pkr.hcl", "web-v2.0.0");
        step.setVars("release=v2.0.0");
        TestStepContext context = f.context();

        step.start(context).start();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsOnlyKeys("artifactId", "id", "name", "regions", "builder", "builds", "packerVersion",
                "durationSeconds", "skipped");
        assertThat(result).containsEntry("skipped", false).containsEntry("packerVersion", "1.9.4");
        assertThat(result.get("durationSeconds")).isInstanceOf(Double.class);
        assertThat(f.log.text()).contains("No DigitalOcean snapshot is named web-v2.0.0; baking it").doesNotContain(TOKEN);
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v2/snapshots", "/v2/snapshots");
    }

    @Test
    void theFreestyleBuilderExpandsTheNameAndExportsTheExistingSnapshot() throws Exception {
        f.env.put("VERSION", "v1.5.0");
        BakeImageBuilder b = new BakeImageBuilder("packer.pkr.hcl");
        b.setSkipIfExists(true);
        b.setImageName("web-$VERSION");
        b.setCredentialsId("do-token");
        b.setApiUrl(server.url("/").toString());

        b.perform(f.build, f.workspace, f.env, f.launcher, f.log);

        EnvVars later = new EnvVars();
        f.build.getAction(ExportedVariablesAction.class).buildEnvironment(f.build, later);
        assertThat(later).containsEntry("IMAGE_ID", "100000008").containsEntry("IMAGE_NAME", "web-v1.5.0")
                .containsEntry("IMAGE_REGIONS", "nyc3").containsEntry("IMAGE_ARTIFACT_ID", "nyc3:100000008");
    }

    @Test
    void skipIfExistsNeedsTheSnapshotNameAndTheTokenAndSaysSoBeforeAnythingRuns() {
        BakeImageStep noName = step("packer.pkr.hcl", " ");
        BakeImageStep noToken = step("packer.pkr.hcl", "web-v1.4.0");
        noToken.setCredentialsId(null);

        assertThatThrownBy(() -> BakeGlue.request(noName, f.engine())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("skipIfExists: set imageName to the exact snapshot name this bake creates, so a re-run can"
                        + " find it");
        assertThatThrownBy(() -> BakeGlue.request(noToken, f.engine()))
                .hasMessage("skipIfExists: needs credentialsId, the DigitalOcean token to look the snapshot up with");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aRejectedTokenFailsTheBakeNamingTheCredential() throws Exception {
        TestCredentials.add(TestCredentials.Text.of("old-token", "dop_v1_old_5e6f7a"));
        BakeImageStep step = step("packer.pkr.hcl", "web-v1.4.0");
        step.setCredentialsId("old-token");
        TestStepContext context = f.context();

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("the DigitalOcean token in credential old-token was rejected")
                .hasMessageNotContaining("dop_v1_old_5e6f7a");
        assertThat(f.log.text()).doesNotContain("dop_v1_old_5e6f7a");
    }
}
