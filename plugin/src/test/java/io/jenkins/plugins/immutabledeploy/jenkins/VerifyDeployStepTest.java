package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthCheck;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyDeployStepTest {
    private static final String API_KEY = "Bearer health-key-9c2d71";

    @TempDir
    Path tmp;

    @Test
    void bindsTheRequiredUrlsAndDefaultsEveryOptionalFieldAsTheCliDoes() {
        VerifyDeployStep s = new VerifyDeployStep(" https://a.example/health ");
        s.setStatus(" ");

        assertThat(s.getUrls()).isEqualTo("https://a.example/health");
        assertThat(List.of(s.getMethod(), s.getStatus(), s.getAttemptTimeout(), s.getInterval(), s.getInitialDelay(),
                s.getTimeout(), s.getWorkspace())).containsExactly("GET", "200:299", "5s", "5s", "0s", "5m", "default");
        assertThat(List.of(s.getSuccessThreshold(), s.getFailureThreshold())).containsExactly(3, 3);
        assertThat(List.of(s.isInsecure(), s.isRollback())).containsExactly(false, false);
        assertThat(s.getSecretHeaders()).isEmpty();
        assertThat(new Object[] {s.getHeaders(), s.getBodyRegex(), s.getJsonPointer(), s.getJsonExpect(),
            s.getJsonExpectRegex(), s.getCaFile(), s.getDir()}).containsOnlyNulls();
        assertThat(new VerifyDeployStep.DescriptorImpl().getFunctionName()).isEqualTo("verifyDeploy");
    }

    @Test
    void formChecksValidateSyntaxOnly() {
        VerifyDeployStep.DescriptorImpl d = new VerifyDeployStep.DescriptorImpl();
        Item job = TestItems.configurable();

        assertThat(d.doCheckUrls(job, " ").getMessage()).isEqualTo("urls: at least one URL to check is required.");
        assertThat(d.doCheckUrls(job, "https://ok.example/h\nftp://files.example/x").getMessage())
                .isEqualTo("urls: \"ftp://files.example/x\" is not an http:// or https:// URL.");
        assertThat(d.doCheckStatus(job, "200:abc").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckStatus(job, "200:abc").getMessage()).contains("status");
        assertThat(d.doCheckInterval(job, "soon").getMessage()).contains("interval");
        assertThat(d.doCheckHeaders(job, "Accept").getMessage()).contains("headers");
        assertThat(List.of(d.doCheckUrls(job, "https://unreachable.invalid/health"), d.doCheckStatus(job, "200,301:302"),
                d.doCheckTimeout(job, "10m"), d.doCheckInitialDelay(job, ""))).allMatch(v -> v.kind == FormValidation.Kind.OK);
    }

    @Test
    void buildsOneCheckPerUrlFromTheFieldsWithSecretHeadersFromCredentials() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("health-key", API_KEY));
        VerifyDeployStep s = new VerifyDeployStep("https://a.example/health, https://b.example/health");
        s.setMethod("head");
        s.setHeaders("Accept=application/json");
        s.setSecretHeaders(List.of(new SecretBinding("health-key", "Authorization")));
        s.setStatus("200,204");
        s.setSuccessThreshold(2);
        s.setFailureThreshold(4);
        s.setInterval("1s");
        s.setTimeout("2m");
        s.setCaFile("ca.pem");
        java.nio.file.Files.writeString(f.dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        EngineRun engine = f.engine();

        VerifyRequest r = VerifyGlue.checks(s, VerifyGlue.NAMES, engine);

        assertThat(r.checks()).extracting(c -> c.url().toString())
                .containsExactly("https://a.example/health", "https://b.example/health");
        HealthCheck c = r.checks().get(0);
        assertThat(c.method()).isEqualTo(HealthCheck.Method.HEAD);
        assertThat(c.headers()).containsEntry("Accept", "application/json").containsEntry("Authorization", API_KEY);
        assertThat(c.secretHeaders()).containsExactly("Authorization");
        assertThat(c.status().accepts(204)).isTrue();
        assertThat(c.status().accepts(201)).isFalse();
        assertThat(List.of(c.successThreshold(), c.failureThreshold())).containsExactly(2, 4);
        assertThat(List.of(c.interval(), c.timeout())).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
        assertThat(r.caFile()).isEqualTo(f.dir.resolve("ca.pem"));
        assertThat(engine.mask(API_KEY)).isEqualTo("****");
    }

    @Test
    void returnsTheVerificationMapForAHealthyDeploymentAndNeverShowsTheSecretHeader() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("health-key", API_KEY));
        try (HealthServer server = new HealthServer(200)) {
            VerifyDeployStep s = fast(new VerifyDeployStep(server.url()));
            s.setSecretHeaders(List.of(new SecretBinding("health-key", "Authorization")));
            TestStepContext context = f.context();
            s.start(context).start();

            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await();

            assertThat(result).containsKeys("healthy", "endpoints", "durationSeconds", "cancelled").containsEntry("healthy", true);
            assertThat(server.authorizations).contains(API_KEY);
            assertThat(f.log.text() + result).doesNotContain(API_KEY);
            assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY)).hasSize(1);
        }
    }

    @Test
    void anUnhealthyDeploymentFailsTheStepNamingTheEndpoint() throws Exception {
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(503)) {
            VerifyDeployStep s = fast(new VerifyDeployStep(server.url()));
            s.setTimeout("2s");
            TestStepContext context = f.context();
            s.start(context).start();

            assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                    .hasMessageStartingWith("Verification failed: " + server.url() + " did not become healthy.");
            assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY).get(0).get("healthy"))
                    .isEqualTo("false");
        }
    }

    @Test
    void rollbackFindsThePreviousSuccessfulDeploymentOnEarlierBuilds() throws Exception {
        Fixture f = new Fixture(tmp);
        TestBuild first = f.build;
        DeploymentAction.of(first).putRecord(record("r1", "2026-11-20T10:00:00Z", DeploymentRecord.SUCCESS, "img-1").toMap());
        TestBuild second = f.job.newBuild();
        DeploymentAction.of(second).putRecord(record("r2", "2026-11-21T10:00:00Z", DeploymentRecord.FAILED, "img-2").toMap());
        TestBuild third = f.job.newBuild();
        DeploymentAction.of(third).putRecord(record("r3", "2026-11-22T10:00:00Z", DeploymentRecord.SUCCESS, "img-3").toMap());
        try (HealthServer server = new HealthServer(500)) {
            VerifyDeployStep s = fast(new VerifyDeployStep(server.url()));
            s.setTimeout("2s");
            s.setRollback(true);
            s.setDir("terraform");
            EngineRun engine = new EngineRun(third, f.workspace, f.env, f.launcher, f.log);

            Map<String, Object> result = VerifyGlue.verify(s, engine).toMap();

            assertThat(result).containsEntry("healthy", false).containsEntry("rolledBack", false);
            assertThat(((Map<?, ?>) result.get("rolledBackTo")).get("id")).isEqualTo("r1");
            assertThat(String.valueOf(result.get("rollbackMessage"))).contains("redeploying record r1");
        }
    }

    @Test
    void rollbackFallsBackToTheRecordsInTheWorkspace() throws Exception {
        Fixture f = new Fixture(tmp);
        // As the CLI keeps them when it runs in the workspace: --dir terraform is the workspace's terraform folder.
        FileRecordStore files = new FileRecordStore(io.jenkins.plugins.immutabledeploy.engine.files.HostFiles.local(),
                f.dir.resolve(FileRecordStore.DEFAULT_ROOT), f.dir);
        files.save(record("w1", "2026-11-01T10:00:00Z", DeploymentRecord.SUCCESS, "img-old"));
        files.save(record("w2", "2026-11-02T10:00:00Z", DeploymentRecord.SUCCESS, "img-current"));

        List<DeploymentRecord> found = new RunRecordStore(f.build, f.workspace).list("terraform", "default");

        assertThat(found).extracting(DeploymentRecord::id).containsExactly("w2", "w1");
        assertThat(new RunRecordStore(f.build, f.workspace).previousSuccessful("terraform", "default", "w2"))
                .get().extracting(DeploymentRecord::id).isEqualTo("w1");
    }

    @Test
    void rollbackWithoutDirFailsSayingWhatIsMissing() throws Exception {
        Fixture f = new Fixture(tmp);
        VerifyDeployStep s = new VerifyDeployStep("http://127.0.0.1:9/health");
        s.setRollback(true);

        assertThatThrownBy(() -> VerifyGlue.verify(s, f.engine()))
                .hasMessage("rollback: needs dir, the Terraform/OpenTofu configuration folder whose previous deployment to"
                        + " redeploy");
    }

    @Test
    void abortingTheBuildCancelsTheVerification() throws Exception {
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(503)) {
            VerifyDeployStep s = fast(new VerifyDeployStep(server.url()));
            TestStepContext context = f.context();
            StepExecution execution = s.start(context);
            execution.start();
            Thread.sleep(500);

            Exception cause = new Exception("Aborted by bob");
            long started = System.nanoTime();
            execution.stop(cause);

            assertThatThrownBy(context::await).isSameAs(cause);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY).get(0).get("cancelled"))
                    .isEqualTo("true");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyDeployNeedsNoNodeAndWithoutOneItsChecksAreMadeOnTheController() throws Exception {
        assertThat(Set.copyOf(new VerifyDeployStep.DescriptorImpl().getRequiredContext()))
                .isEqualTo(Set.of(Run.class, TaskListener.class));
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(200)) {
            TestStepContext outsideNode = new TestStepContext().with(Run.class, f.build).with(TaskListener.class, f.log);
            fast(new VerifyDeployStep(server.url())).start(outsideNode).start();

            assertThat((Map<String, Object>) outsideNode.await()).containsEntry("healthy", true);
        }
        assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY)).hasSize(1);

        VerifyDeployStep rollback = new VerifyDeployStep("http://127.0.0.1:1/health");
        rollback.setRollback(true);
        rollback.setDir("terraform");
        TestStepContext noNode = new TestStepContext().with(Run.class, f.build).with(TaskListener.class, f.log);
        rollback.start(noNode).start();
        assertThatThrownBy(noNode::await).isInstanceOf(AbortException.class).hasMessage("rollback: needs the build's"
                + " workspace, so verifyDeploy must run inside node { ... } to use it. Without rollback it needs no node,"
                + " and its checks are made on the controller.");

        VerifyDeployStep ca = new VerifyDeployStep("https://127.0.0.1:1/health");
        ca.setCaFile("ca.pem");
        TestStepContext stillNoNode = new TestStepContext().with(Run.class, f.build).with(TaskListener.class, f.log);
        ca.start(stillNoNode).start();
        assertThatThrownBy(stillNoNode::await).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("caFile: needs the build's workspace");
    }

    static VerifyDeployStep fast(VerifyDeployStep s) {
        s.setInterval("100ms");
        s.setAttemptTimeout("2s");
        s.setSuccessThreshold(2);
        return s;
    }

    static DeploymentRecord record(String id, String time, String result, String image) {
        return new DeploymentRecord(id, Instant.parse(time), "terraform", "default", "tofu", "1.10.10",
                Map.of("image_id", image), List.of(), Map.of(), Map.of("add", 1), "sha", Map.of(), result, null);
    }
}
