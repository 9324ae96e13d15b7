package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps with the workspace on an agent: every file the engine reads, the tool it looks for and the plan folder it
 * keeps go through the workspace's {@code FilePath}, and the health checks and DigitalOcean calls are made on the
 * agent, sent there through the workspace's channel ({@link LoopbackChannel}: serialized both ways, as remoting does).
 */
class OnAgentTest {
    /** What the checks and DigitalOcean calls travel to the agent as. */
    static final String ON_AGENT = AgentNetwork.class.getName() + "$OnAgent";

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void bakeImageRunsPackerOnTheAgentAndReadsItsTemplateThere() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        f.copy("/packer/templates/basic.pkr.hcl", "basic.pkr.hcl");
        TestStepContext context = f.context();
        assertThat(f.workspace.isRemote()).isTrue();

        new BakeImageStep("basic.pkr.hcl").start(context).start();
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsEntry("skipped", false).containsEntry("packerVersion", "1.9.4");
        assertThat((List<Object>) result.get("builds")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void immutableDeployAndRollbackDeployRunOpenTofuOnTheAgentAndLeaveNoPlanBehind() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        f.tofuProject();
        f.env.remove("IMMUTABLE_DEPLOY_TOOLS");
        f.env.put("PATH", TestTools.toolsDir() + ":" + f.env.get("PATH"));
        ImmutableDeployStepTest.credentials();
        for (String image : List.of("img-1", "img-2")) {
            TestStepContext context = f.context();
            ImmutableDeployStepTest.step(image).start(context).start();
            assertThat((Map<String, Object>) context.await()).containsEntry("changed", true);
        }
        TestStepContext context = f.context();
        RollbackDeployStep rollback = new RollbackDeployStep("terraform");
        rollback.setCredentialsId("do-token");
        rollback.start(context).start();

        Map<String, Object> result = (Map<String, Object>) context.await();
        assertThat(result).containsEntry("rolledBack", true);
        assertThat(((Map<?, ?>) ((Map<?, ?>) result.get("rolledBackTo")).get("vars")).get("image")).isEqualTo("img-1");
        assertThat(f.log.text()).as("tofu was found on the agent's PATH").contains(TestTools.toolsDir() + "/tofu");
        try (Stream<Path> left = Files.list(f.dir.resolve("terraform"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".immutable-deploy-plan-"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pruneImagesOnAnAgentProtectsWhatTheCliRecordedInTheWorkspace() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        Instant t = Instant.parse("2026-10-03T09:00:00Z");
        new FileRecordStore(f.dir.resolve(FileRecordStore.DEFAULT_ROOT)).save(new DeploymentRecord(FileRecordStore.newId(t),
                t, f.dir.resolve("staging").toString(), "default", "tofu", "1.10.10", Map.of("image_id", "100000004"),
                List.of(), Map.of(), Map.of("add", 1), "abc", Map.of(), DeploymentRecord.SUCCESS, null));
        FakeDigitalOcean api = new FakeDigitalOcean();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(api);
            server.start();
            TestCredentials.add(TestCredentials.Text.of("do-token", FakeDigitalOcean.TOKEN));
            PruneImagesStep prune = new PruneImagesStep("do-token", 2);
            prune.setPrefix("web-");
            prune.setApiUrl(server.url("/").toString());
            TestStepContext context = f.context();
            prune.start(context).start();

            Map<String, Object> result = (Map<String, Object>) context.await();
            assertThat(PruneImagesStepTest.ids(result.get("protected"))).containsExactly("100000004");
            assertThat(api.deletes()).doesNotContain("DELETE /v2/snapshots/100000004").hasSize(4);
        }
        assertThat(f.channel.calls).as("the calls to DigitalOcean were made on the agent").containsExactly(ON_AGENT);
    }

    @Test
    void thePlanFolderOnTheAgentIsOwnerOnly() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        FilePathHostFiles files = new FilePathHostFiles(f.workspace);

        String made = files.createPrivateDirectory(f.dir.toString(), ".immutable-deploy-plan-");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(made)))).isEqualTo("rwx------");
        Files.writeString(Path.of(made, "deploy.tfplan"), "ünïcode plan");
        assertThat(files.readString(made + "/deploy.tfplan")).isEqualTo("ünïcode plan");
        assertThat(files.list(made)).containsExactly("deploy.tfplan");
        assertThat(files.isExecutable(made + "/deploy.tfplan")).isFalse();
        files.writeString(made + "/provider-mirror.tfrc", "path = \"/srv/mïrror\"\n");
        assertThat(Files.readString(Path.of(made, "provider-mirror.tfrc"))).isEqualTo("path = \"/srv/mïrror\"\n");
        files.deleteRecursively(made);
        assertThat(Path.of(made)).doesNotExist();
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyDeployMakesItsChecksOnTheAgentTrustingTheCaFileOfTheAgentsWorkspace() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("agent CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("127.0.0.1")
                .commonName("127.0.0.1").build();
        Files.writeString(f.dir.resolve("ca.pem"), ca.certificatePem());
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        try (HealthServer server = HealthServer.https(tls.sslContext(), (n, p) -> Answer.ok("ok"))) {
            VerifyDeployStep verify = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url("/health")));
            verify.setCaFile("ca.pem");
            TestStepContext context = f.context();
            verify.start(context).start();

            assertThat((Map<String, Object>) context.await()).containsEntry("healthy", true);
        }
        assertThat(f.channel.calls).as("the checks crossed the workspace's channel").containsExactly(ON_AGENT);
        assertThat(f.log.text()).as("they read the agent's file, no copy of it")
                .contains("Trusting the system's CAs and those in " + f.dir.resolve("ca.pem"));

        VerifyDeployStep missing = new VerifyDeployStep("https://127.0.0.1:1/health");
        missing.setCaFile("nope.pem");
        TestStepContext context = f.context();
        missing.start(context).start();
        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessage("caFile: " + f.dir.resolve("nope.pem") + " is not a file; give a PEM file of CA certificates");
        assertThat(f.channel.calls).as("nothing was checked").hasSize(1);
    }

    @Test
    void aFailingAnswerOnTheAgentReachesTheLogAsAShortExcerptMaskedOnTheAgent() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        String key = "agent-side-key-5f1e";
        TestCredentials.add(TestCredentials.Text.of("health-key", key));
        String page = "denied for key " + key + " " + "x".repeat(500);
        try (HealthServer server = HealthServer.http((n, p) -> n == 1 ? Answer.of(500, page) : Answer.ok("ok"))) {
            VerifyDeployStep verify = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url("/health")));
            verify.setSecretHeaders(List.of(new SecretBinding("health-key", "X-Api-Key")));
            TestStepContext context = f.context();
            verify.start(context).start();
            context.await();

            assertThat(server.headers().get(0).getFirst("X-Api-Key")).isEqualTo(key);
        }
        assertThat(f.channel.calls).containsExactly(ON_AGENT);
        assertThat(f.log.text()).doesNotContain(key).contains("| denied for key **** xxx")
                .doesNotContain("x".repeat(200));
    }

    @Test
    void abortingChecksOnTheAgentInterruptsThemThereAndTheStepEndsWithTheAbort() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        try (HealthServer server = HealthServer.http((n, p) -> Answer.of(503, "starting"))) {
            TestStepContext context = f.context();
            StepExecution execution = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url("/health"))).start(context);
            execution.start();
            awaitThat(() -> server.requests() >= 2, "two attempts");

            Exception cause = new Exception("Aborted by erin");
            execution.stop(cause);

            assertThatThrownBy(() -> context.outcome.get(10, TimeUnit.SECONDS)).hasCause(cause);
            int after = server.requests();
            Thread.sleep(400);
            assertThat(server.requests()).as("the agent stopped checking").isEqualTo(after);
            assertThat(f.build.getAction(DeploymentAction.class).getEntries(DeploymentAction.VERIFY)).singleElement()
                    .satisfies(e -> assertThat(e.get("cancelled")).isEqualTo("true"));
        }
        for (Thread t : f.channel.agentThreads) {
            t.join(10_000);
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("nothing of the checks runs on after the abort")
                .noneMatch(t -> t.getName().equals("immutable-deploy: the health checks"));
    }

    @Test
    void abortingWhileTheAgentDoesNotAnswerEndsTheStepAtOnce() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        f.channel.hung = true;
        TestStepContext context = f.context();
        StepExecution execution = new VerifyDeployStep("http://127.0.0.1:1/health").start(context);
        execution.start();
        awaitThat(() -> !f.channel.calls.isEmpty(), "a call through the channel");

        Exception cause = new Exception("Aborted by frank");
        execution.stop(cause);

        assertThatThrownBy(() -> context.outcome.get(5, TimeUnit.SECONDS)).hasCause(cause);
    }

    @Test
    void theDigitalOceanLookupOfBakeImageIsMadeOnTheAgentAndARejectedTokenStillNamesTheCredential() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        FakeDigitalOcean api = new FakeDigitalOcean();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(api);
            server.start();
            TestCredentials.add(TestCredentials.Text.of("do-token", FakeDigitalOcean.TOKEN));
            TestCredentials.add(TestCredentials.Text.of("old-token", "dop_v1_old_5e6f7a"));
            BakeImageStep bake = new BakeImageStep("packer.pkr.hcl");
            bake.setSkipIfExists(true);
            bake.setImageName("web-v1.4.0");
            bake.setCredentialsId("do-token");
            bake.setApiUrl(server.url("/").toString());
            TestStepContext context = f.context();
            bake.start(context).start();
            assertThat(((Map<?, ?>) context.await()).get("skipped")).isEqualTo(true);

            bake.setCredentialsId("old-token");
            TestStepContext rejected = f.context();
            bake.start(rejected).start();
            assertThatThrownBy(rejected::await).isInstanceOf(AbortException.class)
                    .hasMessageStartingWith("the DigitalOcean token in credential old-token was rejected");
        }
        assertThat(f.channel.calls).containsExactly(ON_AGENT, ON_AGENT);
        assertThat(f.log.text()).doesNotContain(FakeDigitalOcean.TOKEN).doesNotContain("dop_v1_old_5e6f7a");
    }

    static void awaitThat(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
