package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ProtectedImages;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord.Verification;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which job and which folder a record kept on a build belongs to: its job's full name, its folder relative to the
 * workspace (normalised) and its workspace; a newer version of a record kept on a later build wins.
 */
class RunRecordStoreTest {
    @TempDir
    Path tmp;

    private static DeploymentRecord record(String id, String dir, String image) {
        Instant t = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(Long.parseLong(id.substring(id.length() - 2)));
        return new DeploymentRecord("20261120T100000.0" + id, t, dir, "default", "tofu", "1.10.10",
                Map.of("image_id", image), List.of(), Map.of(), Map.of(), "abc", Map.of(), DeploymentRecord.SUCCESS, null);
    }

    @Test
    void twoFoldersOfTheSameNameInOneJobKeepTheirOwnRecordsHoweverTheFolderIsWritten() {
        Fixture f = new Fixture(tmp);
        RunRecordStore store = new RunRecordStore(f.build, f.workspace);
        store.save(record("01", "envs/prod/app", "prod-1"));
        store.save(record("02", f.dir.resolve("envs/staging/app").toString(), "staging-1"));

        assertThat(store.list("./envs/prod/app/", "default")).extracting(DeploymentRecord::image).containsExactly("prod-1");
        assertThat(store.list("envs/staging/app", "default")).extracting(DeploymentRecord::image)
                .containsExactly("staging-1");
        assertThat(f.build.getAction(DeploymentAction.class).getRecords()).extracting(r -> r.get("dir"))
                .containsExactly("envs/prod/app", "envs/staging/app");
        assertThat(store.deployedNow()).extracting(DeploymentRecord::image).containsExactlyInAnyOrder("prod-1", "staging-1");
    }

    @Test
    void pruneProtectsTheLiveImageOfTwoJobsThatDeployAFolderOfTheSameName() {
        Fixture f = new Fixture(tmp);
        TestBuild.TestJob other = new TestBuild.TestJob("app-staging");
        TestBuild theirs = other.newBuild();
        // Records written before they named their job: the build that keeps them says whose they are.
        DeploymentAction.of(f.build).putRecord(record("01", "terraform", "prod-1").toMap());
        DeploymentAction.of(theirs).putRecord(record("02", "terraform", "staging-1").toMap());

        List<DeploymentRecord> all = new ArrayList<>(RunRecordStore.recordsFrom(f.build));
        all.addAll(RunRecordStore.recordsFrom(theirs));

        assertThat(all).extracting(DeploymentRecord::job).containsExactly("app", "app-staging");
        assertThat(ProtectedImages.usedBy(DeploymentRecord.newestSuccessful(all))).contains("prod-1", "staging-1");
        assertThat(new RunRecordStore(f.build, f.workspace).list("terraform", "default")).extracting(DeploymentRecord::image)
                .containsExactly("prod-1");
    }

    @Test
    void aVerdictLearntByALaterBuildIsKeptThereAndWinsOverTheDeployingBuildsCopy() {
        Fixture f = new Fixture(tmp);
        DeploymentRecord deployed = record("01", "terraform", "img-1");
        new RunRecordStore(f.build, f.workspace).save(deployed);
        TestBuild later = f.job.newBuild();
        RunRecordStore laterStore = new RunRecordStore(later, f.workspace);

        laterStore.update(laterStore.list("terraform", "default").get(0).withVerification(
                new Verification(Instant.parse("2026-11-21T10:00:00Z"), "img-1", Verification.STABLE, false)));

        assertThat(laterStore.list("terraform", "default")).singleElement().extracting(DeploymentRecord::verified)
                .isEqualTo(false);
        assertThat(f.build.getAction(DeploymentAction.class).getRecords()).singleElement()
                .satisfies(r -> assertThat((List<?>) r.get("verifications")).isEmpty());
        assertThat(later.getAction(DeploymentAction.class).getRecords()).hasSize(1);
    }
}
