package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bakes through a fake packer (a shell script in the test resources) that replays DigitalOcean
 * builder output shaped like Packer's published examples, since no cloud is reachable here.
 */
class FakePackerTest {
    private static final String TOKEN = "dop_v1_fedcba9876543210fedcba9876543210";

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final ProcessRunner runner = new ProcessRunner(new LocalProcessLauncher(),
            new BuildLog(logged::add, new SecretMasker()), Duration.ofSeconds(10));

    private BakeRequest.Builder replay(String fixture) {
        Path packer = PackerTestFiles.fakePacker(dir);
        Path recorded = PackerTestFiles.copy("fixtures/" + fixture, dir);
        return BakeRequest.builder(recorded.toString()).executable(packer.toString()).workingDirectory(dir.toString());
    }

    @Test
    void aDigitalOceanSnapshotIsReturnedWithItsIdRegionsAndName() {
        BakeResult r = new PackerBaker().bake(replay("digitalocean-snapshot.out").build(), runner, Cancellation.none());

        Map<String, Object> m = r.toMap();
        assertThat(m).containsEntry("artifactId", "ams3:58285042").containsEntry("id", "58285042")
                .containsEntry("name", "app-v1-1700000000").containsEntry("regions", List.of("ams3"))
                .containsEntry("builder", "pearkes.digitalocean").containsEntry("packerVersion", "1.9.4")
                .containsEntry("skipped", false);
        assertThat(m.get("builds")).isEqualTo(List.of(Map.of("build", "digitalocean.app",
                "builderId", "pearkes.digitalocean", "id", "ams3:58285042",
                "string", "A snapshot was created: 'app-v1-1700000000' (ID: 58285042) in regions 'ams3'",
                "files", List.of())));
        assertThat(logged).contains("Baked image 58285042 'app-v1-1700000000' in ams3 (artifact ams3:58285042,"
                + " builder pearkes.digitalocean)");
    }

    @Test
    void aSnapshotInSeveralRegionsReturnsEveryRegion() {
        BakeResult r = new PackerBaker().bake(replay("digitalocean-snapshot-regions.out").build(), runner,
                Cancellation.none());

        assertThat(r.id()).isEqualTo("58285043");
        assertThat(r.artifactId()).isEqualTo("ams3,nyc3,sfo3:58285043");
        assertThat(r.regions()).containsExactly("ams3", "nyc3", "sfo3");
        assertThat(r.name()).isEqualTo("app-v2-1700000000");
    }

    @Test
    void theTokenReachesPackerOnlyThroughTheEnvironmentAndIsMasked() throws IOException {
        BakeResult r = new PackerBaker().bake(replay("digitalocean-snapshot.out").token(TOKEN)
                .var("release", "v1").build(), runner, Cancellation.none());

        assertThat(logged).contains("    environment: token=**** api=****");
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN);
        assertThat(Json.write(r.toMap())).doesNotContain(TOKEN);
        List<String> args = Files.readAllLines(dir.resolve("fake-packer-args.txt"));
        assertThat(args).startsWith("build", "-machine-readable", "-color=false", "-on-error=cleanup", "-var",
                "release=v1").noneMatch(a -> a.contains(TOKEN)).doesNotContain("-debug", "-on-error=ask");
    }

    @Test
    void aBuildThatSucceedsWithoutAnyArtifactIsAClearFailure() {
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker()
                .bake(replay("no-artifacts.out").build(), runner, Cancellation.none()));

        assertThat(e.exitCode()).isZero();
        assertThat(e.getMessage()).startsWith("packer build finished (exit code 0) but reported no artifact, so there"
                + " is no image to deploy.");
    }

    @Test
    void theManifestsLastRunWinsOverTheStreamedArtifact() {
        PackerTestFiles.copy("fixtures/digitalocean-with-manifest.out.manifest", dir);
        BakeResult r = new PackerBaker().bake(replay("digitalocean-with-manifest.out").manifest("packer-manifest.json")
                .build(), runner, Cancellation.none());

        assertThat(r.artifactId()).isEqualTo("ams3:58285044");
        assertThat(r.id()).isEqualTo("58285044");
        assertThat(r.name()).isEqualTo("app-v3-1700000000");
        assertThat(r.builds()).extracting(PackerArtifact::id).containsExactly("ams3:58285044");
    }

    @Test
    void aFailingExitCodeIsReportedWithTheRecordedErrorLines() throws IOException {
        Path recorded = PackerTestFiles.copy("fixtures/failing-build.out", dir);
        Files.writeString(dir.resolve("failing-build.out.exit"), "1\n");
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker().bake(
                BakeRequest.builder(recorded.toString()).executable(PackerTestFiles.fakePacker(dir).toString())
                        .workingDirectory(dir.toString()).build(), runner, Cancellation.none()));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.errorLines()).containsExactly(
                "null.broken: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]");
    }
}
