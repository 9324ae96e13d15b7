package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployException;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create-before-destroy replacement interrupted half-way leaves the old object deposed in the state (real OpenTofu).
 * The next plan deletes it: that finishes the replacement and is not an unbacked destroy, so neither the next deploy
 * nor a rollback is stopped by the gate.
 */
class InterruptedReplacementTest {
    @TempDir
    Path tmp;

    private Path dir;
    private FileRecordStore store;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createDirectories(tmp.resolve("app"));
        try (InputStream in = getClass().getResourceAsStream("/io/jenkins/plugins/immutabledeploy/engine/terraform/deposed/main.tf")) {
            Files.copy(in, dir.resolve("main.tf"));
        }
        Files.writeString(tmp.resolve("tofurc"), "");
        store = new FileRecordStore(tmp.resolve("records"));
    }

    private RunContext context(Cancellation cancellation) {
        return RunContext.builder(lines::add).records(store).cancellation(cancellation).toolEnvironment(Map.of()).build();
    }

    private DeployRequest.Builder deploy(String image, int dependentSeconds) {
        return DeployRequest.builder(dir.toString()).executable(TestTools.tofu().toString())
                .environment("TF_CLI_CONFIG_FILE", tmp.resolve("tofurc").toString()).var("image", image)
                .var("dependent_seconds", Integer.toString(dependentSeconds));
    }

    /** Deploys v1, then interrupts the replacement by v2 while the new server's dependent is created. */
    private void interruptedReplacement() throws Exception {
        Deploy.run(deploy("v1", 0).build(), context(new Cancellation()));
        lines.clear();
        Cancellation cancel = new Cancellation();
        CompletableFuture<DeployResult> run = CompletableFuture.supplyAsync(() -> Deploy.run(deploy("v2", 30).build(),
                context(cancel)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!String.join("\n", lines).contains("terraform_data.dependent: Provisioning")) {
            assertThat(System.nanoTime()).as(String.join("\n", lines)).isLessThan(deadline);
            Thread.sleep(20);
        }
        cancel.cancel();
        assertThat(catchThrowableOfType(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS)).getCause())
                .isInstanceOf(DeployException.class);
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).as("the old server is deposed")
                .contains("\"deposed\"");
    }

    @Test
    void theNextDeployFinishesTheReplacementInsteadOfStoppingAtTheGate() throws Exception {
        interruptedReplacement();

        DeployResult again = Deploy.run(deploy("v2", 0).build(), context(new Cancellation()));

        assertThat(again.changed()).isTrue();
        assertThat(again.summary().changes()).filteredOn(c -> c.address().equals("terraform_data.server"))
                .extracting(ResourceChange::action).containsExactly(Action.DELETE_DEPOSED);
        assertThat(again.summary().destroy()).isZero();
        assertThat(again.summary().changeMaps()).anySatisfy(m -> assertThat(m).containsEntry("action", "delete-deposed")
                .containsKey("deposed"));
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).doesNotContain("\"deposed\"");
    }

    @Test
    void aRollbackAfterTheInterruptedReleaseReturnsToTheLastOneWithoutBeingStoppedAtTheGate() throws Exception {
        interruptedReplacement();

        RollbackOutcome rb = RollBack.run(new RollBack.Request(DeployRequest.builder(dir.toString())
                .executable(TestTools.tofu().toString()).environment("TF_CLI_CONFIG_FILE", tmp.resolve("tofurc").toString())
                .build(), null, null), context(new Cancellation()));

        assertThat(rb.rolledBack()).as(rb.message()).isTrue();
        assertThat(rb.rolledBackTo().variable("image")).isEqualTo("v1");
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).contains("\"input\"").doesNotContain("\"deposed\"");
        assertThat(store.list(dir.toString(), "default").get(0).image()).isEqualTo("v1");
    }
}
