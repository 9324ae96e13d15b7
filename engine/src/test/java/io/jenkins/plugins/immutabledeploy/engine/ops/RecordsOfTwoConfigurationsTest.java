package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ProtectedImages;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envs/prod/app} and {@code envs/staging/app}: two configurations whose folders have the same name, deployed
 * with the real OpenTofu into one record folder. Each keeps its own records: a rollback of one never takes the other's
 * record nor runs in its folder, and prune protects the live image of both.
 */
class RecordsOfTwoConfigurationsTest {
    @TempDir
    Path tmp;

    private Path prod;
    private Path staging;
    private FileRecordStore store;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        prod = Files.createDirectories(tmp.resolve("envs/prod/app"));
        staging = Files.createDirectories(tmp.resolve("envs/staging/app"));
        for (Path dir : List.of(prod, staging)) {
            try (InputStream in = getClass().getResourceAsStream(
                    "/io/jenkins/plugins/immutabledeploy/engine/terraform/deposed/main.tf")) {
                Files.copy(in, dir.resolve("main.tf"));
            }
        }
        Files.writeString(tmp.resolve("tofurc"), "");
        store = new FileRecordStore(tmp.resolve("records"));
    }

    private RunContext context() {
        return RunContext.builder(lines::add).records(store).toolEnvironment(Map.of()).build();
    }

    private DeployRequest.Builder at(Path dir) {
        return DeployRequest.builder(dir.toString()).executable(TestTools.tofu().toString())
                .environment("TF_CLI_CONFIG_FILE", tmp.resolve("tofurc").toString());
    }

    private String deployed(Path dir) throws Exception {
        for (var r : Json.MAPPER.readTree(dir.resolve("terraform.tfstate").toFile()).path("resources")) {
            if (r.path("name").asText().equals("server")) {
                return r.path("instances").get(0).path("attributes").path("input").path("value").asText();
            }
        }
        return null;
    }

    @Test
    void aRollbackOfProdReturnsToProdsPreviousReleaseInProdsFolderWhateverStagingDidSince() throws Exception {
        DeploymentRecord prodV1 = Deploy.run(at(prod).var("image", "prod-v1").build(), context()).deploymentRecord();
        Deploy.run(at(prod).var("image", "prod-v2").build(), context());
        DeploymentRecord stagingV1 = Deploy.run(at(staging).var("image", "staging-v1").build(), context())
                .deploymentRecord();
        Deploy.run(at(staging).var("image", "staging-v2").build(), context());

        RollbackOutcome rb = RollBack.run(new RollBack.Request(at(prod).build(), null, null), context());

        assertThat(rb.rolledBack()).as(rb.message()).isTrue();
        assertThat(rb.rolledBackTo().id()).isEqualTo(prodV1.id());
        assertThat(deployed(prod)).isEqualTo("prod-v1");
        assertThat(deployed(staging)).isEqualTo("staging-v2");
        assertThat(store.list(prod.toString(), "default")).extracting(DeploymentRecord::image)
                .containsExactly("prod-v1", "prod-v2", "prod-v1");
        assertThatThrownBy(() -> RollBack.run(new RollBack.Request(at(prod).build(), stagingV1.id(), null), context()))
                .hasMessageStartingWith("to: there is no deployment record " + stagingV1.id() + " for " + prod);
    }

    @Test
    void pruneProtectsTheLiveImageOfEveryConfigurationAndTheImageAVariableFileDeployed() throws Exception {
        Deploy.run(at(prod).var("image", "prod-v1").build(), context());
        Files.writeString(staging.resolve("release.tfvars"), "image = \"staging-from-file\"\n");
        DeploymentRecord fromFile = Deploy.run(at(staging).varFile("release.tfvars").build(), context())
                .deploymentRecord();

        List<DeploymentRecord> live = store.deployedNow();

        assertThat(fromFile.vars()).doesNotContainKey("image");
        assertThat(fromFile.image()).isEqualTo("staging-from-file");
        assertThat(fromFile.variables()).containsEntry("image", "staging-from-file").containsEntry("dependent_seconds", "0");
        assertThat(live).extracting(DeploymentRecord::image).containsExactlyInAnyOrder("prod-v1", "staging-from-file");
        assertThat(ProtectedImages.usedBy(live)).contains("prod-v1", "staging-from-file");
    }

    @Test
    void aRecordOfTheOldLayoutIsReadForTheConfigurationItNamesOnly() throws Exception {
        // Before, every configuration named app shared <records>/app/default/.
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        DeploymentRecord old = new DeploymentRecord(FileRecordStore.newId(t), t, staging.toString(), "default", "tofu",
                "1.10.10", Map.of("image", "staging-old"), List.of(), Map.of(), Map.of(), "abc", Map.of(),
                DeploymentRecord.SUCCESS, null);
        Path legacy = Files.createDirectories(tmp.resolve("records/app/default"));
        Files.writeString(legacy.resolve(old.id() + ".json"), Json.writePretty(old.toMap()));

        assertThat(store.list(staging.toString(), "default")).extracting(DeploymentRecord::id).containsExactly(old.id());
        assertThat(store.list(prod.toString(), "default")).isEmpty();
        assertThat(store.deployedNow()).extracting(DeploymentRecord::image).containsExactly("staging-old");
    }
}
