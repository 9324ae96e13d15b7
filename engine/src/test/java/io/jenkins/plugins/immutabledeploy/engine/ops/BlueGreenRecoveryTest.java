package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.terraform.PhaseGateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong around a release, with the real OpenTofu: a configuration that breaks the contract is refused before
 * anything is applied; a release aborted in any phase leaves the state whole and the lock released, and the next one
 * carries on or cleans up; a state the records do not know stops the candidate before apply.
 */
class BlueGreenRecoveryTest {
    @TempDir
    Path tmp;

    ReleaseFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ReleaseFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private BlueGreen.ReleaseException refused(String image) {
        return catchThrowableOfType(BlueGreen.ReleaseException.class, () -> f.release(image));
    }

    @Test
    void aConfigurationWithoutTheCandidatesOutputIsRefusedBeforeAnythingIsAppliedNamingTheOutputAndTheFix()
            throws Exception {
        f.edit(ReleaseFixture::withoutCandidateUrl);

        BlueGreen.ReleaseException e = refused("app-1");

        assertThat(e.getMessage()).contains("does not follow the release's contract, so nothing was applied",
                "it declares no output candidate_url (the candidate's own address", "add output \"candidate_url\"",
                "candidateUrlOutput");
        assertThat(e.getCause()).isInstanceOf(BlueGreen.ContractException.class);
        assertThat(f.dir.resolve("terraform.tfstate")).doesNotExist();
        assertThat(f.servers()).isEmpty();
        assertThat(f.log()).doesNotContain("$ tofu apply");
    }

    @Test
    void aConfigurationWhoseImageVariableHasAnotherNameIsRefusedNamingTheVariableAndTheOptionToRenameIt()
            throws Exception {
        f.edit(ReleaseFixture::withImageVariable);

        BlueGreen.ReleaseException e = refused("app-1");

        assertThat(e.getMessage()).contains("it declares no variable live_image (the live image): add variable"
                + " \"live_image\" { type = string }, or name yours with liveVar");
        assertThat(f.dir.resolve("terraform.tfstate")).doesNotExist();

        BlueGreen.Result renamed = BlueGreen.run(new BlueGreen.Request(f.deploy().build(), "app-1", f.checks(),
                new BlueGreen.Contract("image", null, null, null, null), null), f.context());
        assertThat(renamed.outcome()).isEqualTo("promoted");
    }

    @Test
    void aConfigurationWhoseServersAreNotKeyedByImageIsRefusedBeforeTheCandidateIsApplied() throws Exception {
        f.edit(ReleaseFixture::withOneServer);

        BlueGreen.ReleaseException e = refused("app-1");

        assertThat(e.getMessage()).contains("no resource keyed by the candidate image app-1",
                "for_each = toset(compact([var.live_image, var.candidate_image]))");
        assertThat(f.servers()).isEmpty();
    }

    @Test
    void aStateTheRecordsDoNotKnowStopsTheCandidateBeforeApplyNamingWhatItWouldDestroyAndHowToRecordIt()
            throws Exception {
        f.release("app-1");
        // Someone releases by hand, outside any record: the state now runs app-hand.
        Files.delete(f.records.file(f.records.list(f.dir.toString(), "default").get(0)));
        f.records.list(f.dir.toString(), "default").forEach(r -> {
            try {
                Files.delete(f.records.file(r));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        var before = f.stateIds();

        BlueGreen.ReleaseException e = refused("app-2");

        assertThat(e.getCause()).isInstanceOf(PhaseGateException.class);
        assertThat(e.getMessage()).contains("The candidate plan was stopped before apply; nothing was changed",
                "delete terraform_data.server[\"app-1\"]", "say nothing is live",
                "record what is live by deploying it once with live_image=<the live image>");
        assertThat(f.stateIds()).isEqualTo(before);
        assertThat(f.address()).isEqualTo("app-1");

        // Recorded as the message says: a deploy that changes nothing, and the release goes on from there.
        var recorded = io.jenkins.plugins.immutabledeploy.engine.ops.Deploy.run(f.deploy().var("live_image", "app-1")
                .build(), f.context());
        assertThat(recorded.changed()).isFalse();
        assertThat(f.release("app-2").outcome()).isEqualTo("promoted");
        assertThat(f.address()).isEqualTo("app-2");
    }

    /** Starts a release and cancels it once the log shows it reached a point. */
    private BlueGreen.ReleaseException abortWhen(BlueGreen.Request request, BooleanSupplier reached) throws Exception {
        f.lines.clear();
        Cancellation cancel = new Cancellation();
        CompletableFuture<BlueGreen.Result> run = CompletableFuture.supplyAsync(() -> BlueGreen.run(request,
                f.context(cancel)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!reached.getAsBoolean()) {
            assertThat(System.nanoTime()).as("never got there: " + f.log()).isLessThan(deadline);
            assertThat(run).as(f.log()).isNotDone();
            Thread.sleep(20);
        }
        cancel.cancel();
        Throwable t = catchThrowableOfType(java.util.concurrent.ExecutionException.class, () -> run.get(60,
                TimeUnit.SECONDS)).getCause();
        assertThat(t).isInstanceOf(BlueGreen.ReleaseException.class);
        assertThat(f.dir.resolve(".terraform.tfstate.lock.info")).as("the lock is released").doesNotExist();
        Json.MAPPER.readTree(f.dir.resolve("terraform.tfstate").toFile());
        return (BlueGreen.ReleaseException) t;
    }

    private boolean logged(String text) {
        return f.log().contains(text);
    }

    @Test
    void aCandidatePhaseAbortedWhileItsServerBootsIsCarriedOnByTheNextReleaseOfTheSameImage() throws Exception {
        f.release("app-1");

        BlueGreen.ReleaseException e = abortWhen(new BlueGreen.Request(f.deploy().var("boot_seconds", "30").build(),
                "app-2", f.checks(), null, null), () -> logged("terraform_data.server[\"app-2\"]: Provisioning"));

        assertThat(e.getMessage()).contains("stopped in its candidate phase", "cancelled");
        assertThat(f.address()).isEqualTo("app-1");
        BlueGreen.Result again = f.release("app-2");
        assertThat(again.outcome()).isEqualTo("promoted");
        assertThat(again.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("candidate", "promote",
                "retire");
        assertThat(f.address()).isEqualTo("app-2");
        assertThat(f.servers()).containsExactly("app-2");
    }

    @Test
    void aCandidatePhaseAbortedIsCleanedUpWhenTheNextReleaseBringsAnotherImage() throws Exception {
        f.release("app-1");
        abortWhen(new BlueGreen.Request(f.deploy().var("boot_seconds", "30").build(), "app-2", f.checks(), null, null),
                () -> logged("terraform_data.server[\"app-2\"]: Provisioning"));

        BlueGreen.Result next = f.release("app-3");

        assertThat(next.outcome()).isEqualTo("promoted");
        assertThat(next.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("recover", "candidate",
                "promote", "retire");
        assertThat(f.log()).contains("did not finish; recovering first: app-1 live");
        assertThat(f.servers()).containsExactly("app-3");
        assertThat(f.address()).isEqualTo("app-3");
    }

    @Test
    void aPromotionAbortedWhileTheAddressSwitchesIsRecoveredToTheLastVerifiedRelease() throws Exception {
        f.release("app-1");
        abortWhen(new BlueGreen.Request(f.deploy().var("switch_seconds", "30").build(), "app-2", f.checks(), null,
                null), () -> logged("terraform_data.address[0]: Provisioning"));

        BlueGreen.Result next = f.release("app-3");

        assertThat(next.phases().get(0).name()).isEqualTo("recover");
        assertThat(next.outcome()).isEqualTo("promoted");
        assertThat(f.address()).isEqualTo("app-3");
        assertThat(f.servers()).containsExactly("app-3");
        assertThat(f.boots()).as("app-1's server was never rebuilt").containsOnlyOnce("app-1");
    }

    @Test
    void aReleaseAbortedDuringTheChecksThroughTheStableAddressIsSwitchedBackByTheNextOne() throws Exception {
        f.release("app-1");
        f.holdStable();
        BlueGreen.ReleaseException e = abortWhen(f.request("app-2"), () -> logged("GET " + f.server.url("/stable")));
        f.releaseStable();

        assertThat(e.getMessage()).contains("cancelled during the checks through the stable address");
        assertThat(f.address()).isEqualTo("app-2");
        BlueGreen.Result next = f.release("app-3");

        assertThat(next.phases()).extracting(BlueGreen.PhaseResult::name).startsWith("recover", "candidate");
        assertThat(f.log()).contains("app-2 was promoted", "but never passed its checks through the stable address");
        assertThat(f.address()).isEqualTo("app-3");
        assertThat(f.servers()).containsExactly("app-3");
    }

    @Test
    void keepingTheStandbyWaitsBeforeTheRetireAndAnAbortThereLeavesItForTheNextReleaseToRetire() throws Exception {
        f.release("app-1");
        BlueGreen.Request keep = new BlueGreen.Request(f.deploy().build(), "app-2", f.checks(), null,
                Duration.ofMinutes(5));

        BlueGreen.ReleaseException e = abortWhen(keep, () -> logged("keeping app-1 as the standby for 5m"));

        assertThat(e.getMessage()).contains("app-2 is live and verified, the standby still runs");
        assertThat(f.servers()).containsExactly("app-1", "app-2");
        BlueGreen.Result next = f.release("app-2");
        assertThat(next.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("recover");
        assertThat(next.message()).isEqualTo("app-2 is live already: nothing to release");
        assertThat(f.servers()).containsExactly("app-2");
    }

    @Test
    void aDiscardAbortedWhileTheCandidateGoesIsFinishedByTheNextRelease() throws Exception {
        f.release("app-1");
        Files.writeString(f.state.resolve("hold-destroy"), "");

        abortWhen(f.request("app-2-bad"), () -> logged("Release: phase discard")
                && logged("terraform_data.server[\"app-2-bad\"]: Destroying"));
        Files.delete(f.state.resolve("hold-destroy"));

        assertThat(f.address()).isEqualTo("app-1");
        BlueGreen.Result next = f.release("app-3");
        assertThat(next.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("recover", "candidate",
                "promote", "retire");
        assertThat(f.servers()).containsExactly("app-3");
    }

    @Test
    void aSwitchBackAbortedWhileTheAddressMovesIsFinishedByTheNextReleaseWithoutARebuild() throws Exception {
        f.release("app-1");
        Files.writeString(f.state.resolve("hold-switch-app-1"), "");

        abortWhen(f.request("app-2-sick-behind"), () -> logged("Release: phase switchBack")
                && logged("terraform_data.address[0]: Provisioning"));
        Files.delete(f.state.resolve("hold-switch-app-1"));

        BlueGreen.Result next = f.release("app-3");
        assertThat(next.phases().get(0).name()).isEqualTo("recover");
        assertThat(f.log()).contains("app-2-sick-behind was promoted");
        assertThat(f.address()).isEqualTo("app-3");
        assertThat(f.servers()).containsExactly("app-3");
        assertThat(f.boots()).containsOnlyOnce("app-1");
    }

    @Test
    void aRetireAbortedWhileTheStandbyGoesIsFinishedByTheNextRelease() throws Exception {
        f.release("app-1");
        Files.writeString(f.state.resolve("hold-destroy"), "");

        abortWhen(f.request("app-2"), () -> logged("Release: phase retire")
                && logged("terraform_data.server[\"app-1\"]: Destroying"));
        Files.delete(f.state.resolve("hold-destroy"));

        assertThat(f.address()).isEqualTo("app-2");
        BlueGreen.Result next = f.release("app-3");
        assertThat(next.phases()).extracting(BlueGreen.PhaseResult::name).startsWith("recover", "candidate");
        assertThat(next.phases().get(0).deploy().summary().changes()).extracting(c -> c.address())
                .contains("terraform_data.server[\"app-1\"]");
        assertThat(f.servers()).containsExactly("app-3");
    }
}
