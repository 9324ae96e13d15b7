package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseFixture;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * blueGreenDeploy and its builder against the stand-in, with the real OpenTofu and real checks on loopback: the
 * engine's release configuration ({@link ReleaseFixture}) in the build's workspace, folder {@code app}.
 */
class BlueGreenDeployStepTest {
    @TempDir
    Path tmp;

    Fixture f;
    ReleaseFixture release;

    @BeforeEach
    void setUp() throws Exception {
        f = new Fixture(tmp);
        release = new ReleaseFixture(f.dir);
    }

    @AfterEach
    void tearDown() {
        release.close();
    }

    private BlueGreenDeployStep step(String image) {
        BlueGreenDeployStep s = new BlueGreenDeployStep("app", image);
        s.setVars("base_url=" + release.server.url("") + "\nstate_dir=" + release.state);
        s.setHealthPath("/health");
        s.setJsonPointer("/status");
        s.setJsonExpect("UP");
        s.setInterval("100ms");
        s.setSuccessThreshold(2);
        s.setFailureThreshold(2);
        s.setTimeout("20s");
        return s;
    }

    @Test
    void bindsTheFolderAndTheImageAndDefaultsTheContractAndTheChecks() {
        BlueGreenDeployStep s = new BlueGreenDeployStep(" terraform ", " img-2 ");

        assertThat(List.of(s.getDir(), s.getImage(), s.getLiveVar(), s.getCandidateVar(), s.getUrlOutput(),
                s.getCandidateUrlOutput(), s.getKeepStandby(), s.getTimeout(), s.getStatus(), s.getInterval()))
                .containsExactly("terraform", "img-2", "live_image", "candidate_image", "url", "candidate_url", "0s",
                        "5m", "200:299", "5s");
        assertThat(new Object[] {s.getHealthPath(), s.getDeployTimeout(), s.getVars(), s.getCredentialsId()})
                .containsOnlyNulls();
        BlueGreenDeployStep.DescriptorImpl d = new BlueGreenDeployStep.DescriptorImpl();
        Item job = TestItems.configurable();
        assertThat(d.getFunctionName()).isEqualTo("blueGreenDeploy");
        assertThat(d.getDisplayName()).isEqualTo("Blue/green deploy");
        assertThat(d.doCheckImage(job, " ").getMessage()).isEqualTo("image is required.");
        assertThat(d.doCheckKeepStandby(job, "soon").getMessage()).contains("keepStandby");
        assertThat(d.doCheckDeployTimeout(job, "30m").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReleaseThroughThePipelineStepReturnsTheReleaseMapAndKeepsEveryPhaseOnTheBuild() throws Exception {
        TestStepContext context = f.context();
        step("app-1").start(context).start();

        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsEntry("outcome", "promoted").containsEntry("healthy", true)
                .containsEntry("live", "app-1").containsKeys("phases", "candidateChecks", "stableChecks",
                        "restoreSeconds", "outputs", "message");
        assertThat((List<Map<String, Object>>) result.get("phases")).extracting(p -> p.get("name"))
                .containsExactly("candidate", "promote");
        DeploymentAction action = f.build.getAction(DeploymentAction.class);
        assertThat(action.getRecords()).extracting(r -> r.get("phase")).containsExactly("candidate", "promote");
        assertThat(action.getRecords()).allSatisfy(r -> assertThat(List.of(r.get("dir"), r.get("job")))
                .containsExactly("app", "app"));
        assertThat(action.getEntries(DeploymentAction.RELEASE)).singleElement()
                .satisfies(e -> assertThat(e.get("outcome")).isEqualTo("promoted"));
        assertThat(release.address()).isEqualTo("app-1");
    }

    @Test
    void aBrokenReleaseFailsTheStepAfterItWasDiscardedAndTheNextBuildKnowsWhatIsLive() throws Exception {
        BlueGreenGlue.release(step("app-1"), f.engine());
        TestBuild second = f.job.newBuild();
        EngineRun secondRun = new EngineRun(second, f.workspace, f.env, f.launcher, f.log);

        var result = BlueGreenGlue.release(step("app-2-bad"), secondRun);

        assertThat(result.outcome()).isEqualTo("discarded");
        assertThat(release.address()).isEqualTo("app-1");
        assertThatThrownBy(() -> BlueGreenGlue.failIfNotPromoted(result)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("The release of app-2-bad was not promoted (discarded): app-2-bad failed its"
                        + " checks as a candidate");
        // The second build's records name what is live: app-1, from the first build.
        List<DeploymentRecord> records = new RunRecordStore(second, f.workspace).list("app", "default");
        assertThat(records.get(0).phase()).isEqualTo("discard");
        assertThat(records.get(0).image()).isEqualTo("app-1");
        assertThat(records).filteredOn(r -> "candidate".equals(r.phase()) && "app-2-bad".equals(r.candidate()))
                .singleElement().extracting(DeploymentRecord::outcome).isEqualTo("discarded");
    }

    @Test
    void theBuilderExportsTheOutcomeThenFailsWhenTheReleaseWasSwitchedBack() throws Exception {
        BlueGreenGlue.release(step("app-1"), f.engine());
        BlueGreenDeployBuilder builder = new BlueGreenDeployBuilder("app", "app-2-sick-behind");
        builder.setVars("base_url=" + release.server.url("") + "\nstate_dir=" + release.state);
        builder.setHealthPath("/health");
        builder.setInterval("100ms");
        builder.setSuccessThreshold(2);
        builder.setFailureThreshold(2);
        TestBuild second = f.job.newBuild();

        assertThatThrownBy(() -> builder.perform(second, f.workspace, f.env, f.launcher, f.log))
                .isInstanceOf(AbortException.class).hasMessageContaining("(switchedBack)");

        Map<String, String> exported = second.getAction(ExportedVariablesAction.class).getVariables();
        assertThat(exported).containsEntry("RELEASE_OUTCOME", "switchedBack").containsEntry("RELEASE_LIVE", "app-1")
                .containsEntry("RELEASE_CANDIDATE", "app-2-sick-behind").containsEntry("RELEASE_HEALTHY", "false")
                .containsEntry("RELEASE_PHASES", "candidate,promote,switchBack,discard")
                .containsEntry("RELEASE_OUTPUT_URL", release.server.url("") + "/stable");
        assertThat(Double.parseDouble(exported.get("RELEASE_RESTORE_SECONDS"))).isPositive();
        assertThat(exported.get("RELEASE_RECORD")).isEqualTo(new RunRecordStore(second, f.workspace)
                .list("app", "default").get(0).id());
        assertThat(release.address()).isEqualTo("app-1");
    }

    @Test
    void onAnAgentTheChecksTravelThereAndABrokenCandidateIsStillDiscardedAtItsFirstWrongAnswers() throws Exception {
        f.onAgent();
        BlueGreenGlue.release(step("app-1"), f.engine());

        var result = BlueGreenGlue.release(step("app-2-bad"), f.engine());

        assertThat(result.outcome()).isEqualTo("discarded");
        assertThat(result.candidateChecks().http().endpoints().get(0).reason()).contains("after it had answered");
        assertThat(f.channel.calls).isNotEmpty();
        assertThat(release.address()).isEqualTo("app-1");
    }
}
