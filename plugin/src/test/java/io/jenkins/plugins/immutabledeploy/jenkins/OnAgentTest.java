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
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps with the workspace on an agent: every file the engine reads, the tool it looks for and the plan folder it
 * keeps go through the workspace's {@code FilePath}, and what the controller itself must open is fetched first.
 */
class OnAgentTest {
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
    void verifyDeployFetchesTheCaFileFromTheAgentAndDeletesItsCopy() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("agent CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("127.0.0.1")
                .commonName("127.0.0.1").build();
        Files.writeString(f.dir.resolve("ca.pem"), ca.certificatePem());
        HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(cert).build();
        List<Path> copiesBefore = copies();
        try (HealthServer server = HealthServer.https(tls.sslContext(), (n, p) -> Answer.ok("ok"))) {
            VerifyDeployStep verify = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url("/health")));
            verify.setCaFile("ca.pem");
            TestStepContext context = f.context();
            verify.start(context).start();

            assertThat((Map<String, Object>) context.await()).containsEntry("healthy", true);
        }
        assertThat(f.log.text()).as("the checks trusted a copy on the controller, not the agent's path")
                .contains("Trusting the system's CAs and those in " + Path.of(System.getProperty("java.io.tmpdir"))
                        .resolve("immutable-deploy-"));
        assertThat(copies()).as("the controller's copy of the CA file is gone").isEqualTo(copiesBefore);

        VerifyDeployStep missing = new VerifyDeployStep("https://127.0.0.1:1/health");
        missing.setCaFile("nope.pem");
        assertThatThrownBy(() -> VerifyGlue.request(missing, f.engine())).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("caFile: cannot read nope.pem from the workspace");
        TestCredentials.clear();
    }

    private static List<Path> copies() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().matches("immutable-deploy-.*-ca\\.pem")).sorted().toList();
        }
    }
}
