package io.jenkins.plugins.immutabledeploy.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release flow end to end with the real OpenTofu and real health checks on loopback: a first release, a good
 * one, one that fails as a candidate, one that fails only behind the stable address.
 */
class BlueGreenTest {
    @TempDir
    java.nio.file.Path tmp;

    ReleaseFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ReleaseFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<DeploymentRecord> records() {
        return f.records.list(f.dir.toString(), "default");
    }

    @Test
    void aFirstReleaseComesUpAsACandidateIsCheckedAndTakesTheAddress() throws Exception {
        BlueGreen.Result r = f.release("app-1");

        assertThat(r.outcome()).isEqualTo("promoted");
        assertThat(r.succeeded()).isTrue();
        assertThat(r.live()).isEqualTo("app-1");
        assertThat(r.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("candidate", "promote");
        assertThat(f.address()).isEqualTo("app-1");
        assertThat(f.servers()).containsExactly("app-1");
        assertThat(r.candidateChecks().passed()).isTrue();
        assertThat(r.stableChecks().passed()).isTrue();
        Map<String, Object> map = r.toMap();
        assertThat(map).containsOnlyKeys("outcome", "healthy", "live", "candidate", "phases", "candidateChecks",
                "stableChecks", "restoreSeconds", "outputs", "message");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) map.get("phases")).get(0);
        assertThat(first).containsOnlyKeys("name", "summary", "changes", "seconds", "record");
        assertThat(first.get("record")).isEqualTo(records().get(1).id());
        assertThat(Json.write(map)).contains("\"http\":{\"healthy\":true");
    }

    @Test
    void aGoodReleaseIsPromotedAndTheOldServersAreRetiredAfterItPassedThroughTheStableAddress() throws Exception {
        f.release("app-1");
        Map<String, String> before = f.stateIds();

        BlueGreen.Result r = f.release("app-2");

        assertThat(r.outcome()).isEqualTo("promoted");
        assertThat(r.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("candidate", "promote", "retire");
        assertThat(r.phases().get(0).deploy().summary().changes()).extracting(ResourceChange::address)
                .containsExactly("terraform_data.server[\"app-2\"]");
        assertThat(f.address()).isEqualTo("app-2");
        assertThat(f.servers()).containsExactly("app-2");
        // The promoted server is the very one that was checked: booted once, never rebuilt.
        assertThat(f.boots()).containsExactly("app-1", "app-2");
        assertThat(f.stateIds().get("terraform_data.server[\"app-1\"]")).isNull();
        assertThat(before.get("terraform_data.server[\"app-1\"]")).isNotNull();
        List<DeploymentRecord> recs = records();
        assertThat(recs.get(0).phase()).isEqualTo("retire");
        assertThat(recs.get(0).image()).isEqualTo("app-2");
        assertThat(recs.get(0).verified()).isTrue();
        DeploymentRecord candidate = recs.get(2);
        assertThat(candidate.phase()).isEqualTo("candidate");
        assertThat(candidate.outcome()).isEqualTo("promoted");
        assertThat(candidate.verifications()).extracting(DeploymentRecord.Verification::image,
                DeploymentRecord.Verification::at, DeploymentRecord.Verification::healthy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app-2", "candidate", true));
    }

    @Test
    void aCandidateThatAnswersWronglyIsDiscardedInSecondsAndTheLiveServerAndAddressAreUntouched() throws Exception {
        f.release("app-1");
        Map<String, String> before = f.stateIds();
        long start = System.nanoTime();

        BlueGreen.Result r = f.release("app-2-bad");

        assertThat(r.outcome()).isEqualTo("discarded");
        assertThat(r.succeeded()).isFalse();
        assertThat(r.live()).isEqualTo("app-1");
        assertThat(r.phases()).extracting(BlueGreen.PhaseResult::name).containsExactly("candidate", "discard");
        assertThat(r.stableChecks()).isNull();
        assertThat(r.candidateChecks().http().endpoints().get(0).reason()).contains("after it had answered");
        // Two wrong answers 100 ms apart, not the 20 s limit.
        assertThat(r.candidateChecks().http().duration()).isLessThan(java.time.Duration.ofSeconds(5));
        assertThat(f.stateIds()).isEqualTo(before);
        assertThat(f.address()).isEqualTo("app-1");
        assertThat(f.servers()).containsExactly("app-1");
        assertThat(records().get(1).outcome()).isEqualTo("discarded");
        assertThat(records().get(1).verified()).as("the live image, app-1, was not checked").isNull();
        assertThat(System.nanoTime() - start).isPositive();
    }

    @Test
    void aReleaseThatFailsBehindTheStableAddressIsSwitchedBackWithoutANewServerAndThenDiscarded() throws Exception {
        f.release("app-1");
        Map<String, String> before = f.stateIds();

        BlueGreen.Result r = f.release("app-2-sick-behind");

        assertThat(r.outcome()).isEqualTo("switchedBack");
        assertThat(r.live()).isEqualTo("app-1");
        assertThat(r.phases()).extracting(BlueGreen.PhaseResult::name)
                .containsExactly("candidate", "promote", "switchBack", "discard");
        assertThat(r.candidateChecks().passed()).isTrue();
        assertThat(r.stableChecks().passed()).isFalse();
        assertThat(r.restoreSeconds()).isPositive();
        assertThat(f.address()).isEqualTo("app-1");
        assertThat(f.servers()).containsExactly("app-1");
        // No server was built for the switch back: app-1 booted once, in the first release.
        assertThat(f.boots()).containsExactly("app-1", "app-2-sick-behind");
        assertThat(f.stateIds().get("terraform_data.server[\"app-1\"]"))
                .isEqualTo(before.get("terraform_data.server[\"app-1\"]"));
        List<DeploymentRecord> recs = records();
        assertThat(recs).extracting(DeploymentRecord::phase).startsWith("discard", "switchBack", "promote", "candidate");
        assertThat(recs.get(1).restoreSeconds()).isEqualTo(r.restoreSeconds());
        assertThat(recs.get(2).verified()).isFalse();
        assertThat(recs.get(3).outcome()).isEqualTo("switchedBack");
    }
}
