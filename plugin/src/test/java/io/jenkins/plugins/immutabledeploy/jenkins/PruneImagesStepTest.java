package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneImagesStepTest {
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

    private PruneImagesStep step(int keep) {
        PruneImagesStep step = new PruneImagesStep(" do-token ", keep);
        step.setApiUrl(server.url("/").toString());
        return step;
    }

    /** Keeps a deployment record on a build, as immutableDeploy does. */
    static void deployed(Run<?, ?> build, String dir, String time, String result, String imageId) {
        Instant t = Instant.parse(time);
        DeploymentAction.of(build).putRecord(new DeploymentRecord(FileRecordStore.newId(t), t, dir, "default", "tofu",
                "1.10.10", Map.of("image_id", imageId, "region", "nyc3"), List.of(), Map.of(), Map.of("add", 1), "abc",
                Map.of(), result, null).toMap());
    }

    @Test
    void bindsTheRequiredFieldsAndLeavesTheRestUnset() {
        PruneImagesStep step = new PruneImagesStep(" do-token ", 5);
        step.setPrefix(" app- ");
        step.setRegex("  ");
        step.setProtect("");

        assertThat(step.getCredentialsId()).isEqualTo("do-token");
        assertThat(step.getKeep()).isEqualTo(5);
        assertThat(step.getPrefix()).isEqualTo("app-");
        assertThat(new Object[] {step.getRegex(), step.getProtect(), step.getApiUrl()}).containsOnlyNulls();
        assertThat(step.isDryRun()).isFalse();
    }

    @Test
    void descriptorNamesTheStepAndItsFormChecksSayWhatIsWrong() {
        PruneImagesStep.DescriptorImpl d = new PruneImagesStep.DescriptorImpl();
        Item job = TestItems.configurable();

        assertThat(d.getFunctionName()).isEqualTo("pruneImages");
        assertThat(d.getDisplayName()).isEqualTo("Prune old DigitalOcean snapshots");
        assertThat(Set.<Object>copyOf(d.getRequiredContext())).containsExactlyInAnyOrder(Run.class, TaskListener.class,
                FilePath.class, Launcher.class, EnvVars.class);
        assertThat(d.doCheckKeep(job, "0").getMessage())
                .isEqualTo("keep: \"0\" is not a whole number of at least 1. Keep at least the newest snapshot, e.g. 5.");
        assertThat(d.doCheckKeep(job, "five").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckRegex(job, "app-(v").getMessage()).startsWith("regex: \"app-(v\" is not a valid regular expression: ");
        assertThat(d.doCheckApiUrl(job, "api.digitalocean.com").getMessage()).isEqualTo(
                "apiUrl: \"api.digitalocean.com\" is not an http:// or https:// URL. Leave it empty for the public API.");
        assertThat(d.doCheckCredentialsId(job, "").getMessage()).isEqualTo("credentialsId is required.");
        for (FormValidation ok : List.of(d.doCheckKeep(job, " 3 "), d.doCheckRegex(job, "app-v[0-9.]+"), d.doCheckRegex(job, ""),
                d.doCheckApiUrl(job, ""), d.doCheckApiUrl(job, "https://do-proxy.internal/"), d.doCheckCredentialsId(job, "do-token"))) {
            assertThat(ok.kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheNewestNAndEveryImageThisJobsLatestDeploymentsOrTheUserProtect() throws Exception {
        // Build 1 deployed 100000001 and then 100000005 to terraform/; the workspace's CLI records say a staging
        // configuration runs 100000004. Build 2 (this one) failed to deploy 100000006: that protects nothing.
        TestBuild first = f.build;
        deployed(first, "terraform", "2026-10-02T09:00:00Z", DeploymentRecord.SUCCESS, "100000001");
        deployed(first, "terraform", "2026-10-21T09:00:00Z", DeploymentRecord.SUCCESS, "nyc3:100000005");
        Instant t = Instant.parse("2026-10-03T09:00:00Z");
        new FileRecordStore(f.dir.resolve(FileRecordStore.DEFAULT_ROOT)).save(new DeploymentRecord(FileRecordStore.newId(t),
                t, f.dir.resolve("staging").toString(), "default", "tofu", "1.10.10", Map.of("image_id", "100000004"),
                List.of(), Map.of(), Map.of("add", 1), "abc", Map.of(), DeploymentRecord.NO_CHANGES, null));
        TestBuild second = f.job.newBuild();
        deployed(second, "terraform", "2026-11-02T09:00:00Z", DeploymentRecord.FAILED, "100000006");
        PruneImagesStep step = step(2);
        step.setPrefix("web-");
        step.setProtect("nyc3:100000002");
        TestStepContext context = f.context().with(Run.class, second);

        assertThat(step.start(context).start()).isFalse();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(ids(result.get("kept"))).containsExactly("100000008", "100000007");
        assertThat(ids(result.get("protected"))).containsExactly("100000005", "100000004", "100000002");
        assertThat(ids(result.get("deleted"))).containsExactly("100000001", "100000006");
        assertThat(result.get("dryRun")).isEqualTo(false);
        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/snapshots/100000006");
        assertThat(f.log.text()).contains("Protecting the 1 image id(s) given in protect and the images of the 2 latest successful deployment(s)").contains("Deleted snapshot 100000001 'web-v1.0.0'")
                .doesNotContain(TOKEN);
        assertThat(second.getAction(DeploymentAction.class).getEntries(DeploymentAction.PRUNE))
                .singleElement().extracting(DeploymentAction.Entry::getResult).isEqualTo(result);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunListsWhatWouldGoAndDeletesNothing() throws Exception {
        PruneImagesStep step = step(3);
        step.setRegex("web-v1\\.[0-9]\\.0");
        step.setDryRun(true);
        TestStepContext context = f.context();

        step.start(context).start();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(ids(result.get("deleted"))).containsExactly("100000001", "100000002", "100000004", "100000005");
        assertThat(result.get("dryRun")).isEqualTo(true);
        assertThat(api.deletes()).isEmpty();
        assertThat(f.log.text()).contains("dry run: nothing will be deleted").contains("Would delete snapshot 100000001");
    }

    @Test
    void aRejectedTokenFailsNamingTheCredentialWithoutTheTokenOrAStackTrace() throws Exception {
        TestCredentials.add(TestCredentials.Text.of("revoked", "dop_v1_revoked_0c1d2e3f"));
        PruneImagesStep step = new PruneImagesStep("revoked", 2);
        step.setApiUrl(server.url("/").toString());
        step.setPrefix("web-");
        TestStepContext context = f.context();

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("the DigitalOcean token in credential revoked was rejected")
                .hasMessageNotContaining("dop_v1_revoked_0c1d2e3f");
        assertThat(f.log.text()).doesNotContain("dop_v1_revoked_0c1d2e3f").doesNotContain("\tat ");
        assertThat(api.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v2/account");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLiveImagesOfTheJobsNamedInProtectJobsStayToo() throws Exception {
        TestBuild.TestJob prod = new TestBuild.TestJob("apps/app-prod");
        deployed(prod.newBuild(), "terraform", "2026-09-16T09:00:00Z", DeploymentRecord.SUCCESS, "nyc3:100000002");
        deployed(prod.newBuild(), "terraform", "2026-11-21T09:00:00Z", DeploymentRecord.FAILED, "100000001");
        Jobs jobs = name -> name.equals("apps/app-prod") ? prod : null;
        PruneImagesStep step = withPrefix(step(2));
        step.setProtectJobs("apps/app-prod");
        step.setJobs(jobs);
        TestStepContext context = f.context();
        step.start(context).start();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(ids(result.get("protected"))).containsExactly("100000002");
        assertThat(f.log.text()).contains("Also protecting the images of the 1 latest successful deployment(s) of the"
                + " job apps/app-prod.");

        PruneImagesStep unknown = withPrefix(step(2));
        unknown.setProtectJobs("apps/app-prdo");
        unknown.setJobs(jobs);
        TestStepContext failing = f.context();
        int deletesBefore = api.deletes().size();
        unknown.start(failing).start();
        assertThatThrownBy(failing::await).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("protectJobs: there is no job \"apps/app-prdo\" visible to this build.");
        assertThat(api.deletes()).hasSize(deletesBefore);
    }

    @Test
    void aRefusedDeleteFailsTheStepAndTheBuildStillShowsWhatWasDeletedBeforeIt() throws Exception {
        api.refuseToDelete("100000002");
        PruneImagesStep step = withPrefix(step(5));
        TestStepContext context = f.context();

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageContaining("Deleting snapshot 100000002 'web-v1.1.0'").hasMessageContaining("after 1 of 2");
        assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.PRUNE)).singleElement()
                .satisfies(e -> assertThat(ids(e.getResult().get("deleted"))).containsExactly("100000001"));
    }

    @Test
    void wrongFieldsFailBeforeTheCredentialIsReadOrAnythingIsAsked() throws Exception {
        for (Map.Entry<PruneImagesStep, String> c : Map.of(
                step(2), "prefix/regex: give exactly one of them",
                withPrefix(step(0)), "keep: must be at least 1",
                withPrefix(new PruneImagesStep(null, 2)), "credentialsId is required.").entrySet()) {
            TestStepContext context = f.context();
            c.getKey().start(context).start();
            assertThatThrownBy(context::await).isInstanceOf(AbortException.class).hasMessageStartingWith(c.getValue());
        }
        assertThat(api.requests()).isEmpty();
        assertThat(TestCredentials.tracked()).isEmpty();
    }

    private static PruneImagesStep withPrefix(PruneImagesStep step) {
        step.setPrefix("web-");
        return step;
    }

    @Test
    void abortingTheBuildWhileDigitalOceanRateLimitsStopsThePruneBeforeAnyDelete() throws Exception {
        api.then(FakeDigitalOcean.json(200, FakeDigitalOcean.fixture("account.json")));
        api.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "60")
                .body(FakeDigitalOcean.fixture("error-too-many-requests.json")).build());
        PruneImagesStep step = withPrefix(step(1));
        TestStepContext context = f.context();
        StepExecution execution = step.start(context);
        execution.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!f.log.text().contains("rate limit reached") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.log.text()).contains("waiting 60000 ms");

        Exception cause = new Exception("Aborted by alice");
        long stopped = System.nanoTime();
        execution.stop(cause);

        assertThatThrownBy(context::await).isSameAs(cause);
        assertThat((System.nanoTime() - stopped) / 1_000_000).as("ms from abort to the step's end").isLessThan(10_000);
        assertThat(api.deletes()).isEmpty();
        assertThat(f.log.text()).doesNotContain(TOKEN);
    }

    @SuppressWarnings("unchecked")
    static List<Object> ids(Object snapshots) {
        return ((List<Map<String, Object>>) snapshots).stream().map(s -> s.get("id")).toList();
    }
}
