package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bakes with the real Packer on its built-in builders. */
class PackerBakerTest {
    private static final String SECRET = "pa55-W0rd-7f3c91";
    private static final String TOKEN = "dop_v1_0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final SecretMasker secrets = new SecretMasker();
    private Consumer<String> onLine = line -> {};
    private final ProcessRunner runner = new ProcessRunner(new LocalProcessLauncher(),
            new BuildLog(line -> {
                logged.add(line);
                onLine.accept(line);
            }, secrets), Duration.ofSeconds(30));

    private BakeRequest.Builder request(String template) {
        Path t = PackerTestFiles.copy("templates/" + template, dir);
        return BakeRequest.builder(t.toString()).executable(TestTools.packer().toString()).workingDirectory(dir.toString());
    }

    @Test
    void bakingTwoBuildsReturnsTheFirstBuildsArtifactAndListsEveryArtifact() throws IOException {
        BakeResult result = new PackerBaker().bake(request("basic.pkr.hcl").build(), runner, Cancellation.none());

        // Sorted by build name, so the result does not depend on which parallel build finished first.
        assertThat(result.artifactId()).isEqualTo("File");
        assertThat(result.id()).isEqualTo("File");
        assertThat(result.builderId()).isEqualTo("packer.file");
        assertThat(result.regions()).isEmpty();
        assertThat(result.packerVersion()).isEqualTo("1.9.4");
        assertThat(result.durationSeconds()).isPositive();
        assertThat(result.skipped()).isFalse();
        assertThat(result.builds()).extracting(PackerArtifact::build, PackerArtifact::builderId, PackerArtifact::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("file.release", "packer.file", "File"),
                        org.assertj.core.groups.Tuple.tuple("null.app", "fnoeding.null", "Null"));
        assertThat(result.builds().get(0).files()).containsExactly("release.txt");
        assertThat(result.builds().get(0).description()).isEqualTo("Stored file: release.txt");
        assertThat(Files.readString(dir.resolve("release.txt"))).isEqualTo("hello v0");
        assertThat(result.toMap()).containsOnlyKeys("artifactId", "id", "name", "regions", "builder", "builds",
                "packerVersion", "durationSeconds", "skipped");
        assertThat(logged).anyMatch(l -> l.equals("Baked image File (artifact File, builder packer.file)"));
    }

    @Test
    void progressLinesReachTheLogWhileTheBuildIsStillRunning() {
        Path gate = dir.resolve("gate");
        onLine = line -> {
            if (line.contains("null.gated: waiting-for-the-log")) {
                try {
                    Files.writeString(gate, "open");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        long started = System.nanoTime();
        new PackerBaker().bake(request("gate.pkr.hcl").var("gate", gate.toString()).build(), runner, Cancellation.none());

        // The provisioner waits up to 30s for the gate, which only the log line opens.
        assertThat(logged).anyMatch(l -> l.contains("null.gated: released-by-the-log"));
        assertThat(logged).noneMatch(l -> l.contains("gave-up-waiting"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
        assertThat(logged).containsSubsequence(
                "==> null.gated: Running local shell script: " + logged.stream()
                        .filter(l -> l.startsWith("==> null.gated: Running local shell script: "))
                        .findFirst().orElseThrow().substring(44),
                "    null.gated: waiting-for-the-log",
                "    null.gated: released-by-the-log",
                "Build 'null.gated' finished after " + logged.stream()
                        .filter(l -> l.startsWith("Build 'null.gated' finished after "))
                        .findFirst().orElseThrow().substring(34));
    }

    @Test
    void varsAndVarFilesReachTheTemplate() throws IOException {
        Path varFile = PackerTestFiles.copy("templates/release.pkrvars.hcl", dir);
        new PackerBaker().bake(request("basic.pkr.hcl").var("greeting", "hi, there").varFile(varFile.toString())
                .build(), runner, Cancellation.none());

        assertThat(logged).contains("    null.app: greeting=hi, there", "    null.app: release=v2.3.4");
        assertThat(Files.readString(dir.resolve("release.txt"))).isEqualTo("hi, there v2.3.4");
    }

    @Test
    void aSecretVariableAndTheTokenEchoedByTheTemplateAreMaskedInTheLogTheResultAndTheFilesLeftBehind() {
        BakeResult result = new PackerBaker().bake(request("basic.pkr.hcl").secretVar("db_password", SECRET)
                .token(TOKEN).build(), runner, Cancellation.none());

        // The template saw the values (so they travelled through the environment) but printed masks.
        assertThat(logged).contains("    null.app: password=****", "    null.app: token=**** api=****");
        assertThat(String.join("\n", logged)).doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(Json.write(result.toMap())).doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(PackerTestFiles.everyFile(dir)).doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void aFailingBuildFailsWithPackersExitCodeAndItsLastErrorLinesMasked() {
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker()
                .bake(request("failing.pkr.hcl").secretVar("db_password", SECRET).build(), runner, Cancellation.none()));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.stopped()).isFalse();
        assertThat(e.errorLines())
                .containsExactly("null.broken: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]");
        assertThat(e.getMessage()).isEqualTo("packer build failed with exit code 1:\n"
                + "  null.broken: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]");
        assertThat(logged).contains("ERROR: ==> null.broken: could not reach the database with ****");
        assertThat(String.join("\n", logged)).doesNotContain(SECRET);
    }

    @Test
    void aSecretThatPackerPrintsInItsOwnErrorIsMaskedInTheExceptionAndItsErrorLines() {
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker()
                .bake(request("leaky-error.pkr.hcl").secretVar("db_password", SECRET).build(), runner,
                        Cancellation.none()));

        assertThat(e.getMessage()).isEqualTo("packer build failed with exit code 1:\n"
                + "  file.leaky: open /nonexistent/****: no such file or directory");
        assertThat(e.errorLines()).containsExactly("file.leaky: open /nonexistent/****: no such file or directory");
        assertThat(String.join("\n", logged)).contains("/nonexistent/****").doesNotContain(SECRET);
    }

    @Test
    void aBrokenTemplateFailsWithPackersDiagnostic() throws IOException {
        Path t = dir.resolve("broken.pkr.hcl");
        Files.writeString(t, "source \"null\" \"x\" { communicator = \n");
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker().bake(
                BakeRequest.builder(t.toString()).executable(TestTools.packer().toString()).build(), runner,
                Cancellation.none()));

        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("packer build failed with exit code 1:\n  Error: Invalid expression")
                .contains("Expected the start of an expression, but found an invalid expression token.")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anAbortInTheMiddleOfABuildLetsPackerCleanUpBeforeItEnds() throws IOException {
        Path marker = dir.resolve("cleanup-marker");
        Cancellation cancel = new Cancellation();
        onLine = line -> {
            if (line.contains("null.slow: provisioning-started")) {
                cancel.cancel();
            }
        };
        long started = System.nanoTime();
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker()
                .bake(request("slow.pkr.hcl").var("marker", marker.toString()).build(), runner, cancel));
        boolean cleanedUpBeforeBakeReturned = Files.exists(marker);

        assertThat(e.stopped()).isTrue();
        assertThat(e.getMessage()).startsWith("The bake was cancelled; Packer was interrupted and exited with code");
        assertThat(cleanedUpBeforeBakeReturned).as("the provisioner's INT trap wrote its marker").isTrue();
        assertThat(Files.readString(marker).strip()).isEqualTo("cleaned-up");
        // Packer outlived the interrupt long enough to report how its build ended, and was not killed.
        int interrupted = logged.indexOf("WARNING: Cancelled: interrupting packer (SIGINT) and waiting up to 30s for it"
                + " to clean up");
        assertThat(interrupted).isNotNegative();
        assertThat(logged.subList(interrupted + 1, logged.size())).anyMatch(l -> l.contains("null.slow"));
        assertThat(logged).noneMatch(l -> l.contains("provisioning-finished")).noneMatch(l -> l.contains("killing"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aBakeThatRunsPastItsTimeoutIsInterruptedAndSaysSo() {
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker().bake(
                request("slow.pkr.hcl").var("marker", dir.resolve("m").toString()).timeout(Duration.ofSeconds(3))
                        .build(), runner, Cancellation.none()));

        assertThat(e.stopped()).isTrue();
        assertThat(e.getMessage()).startsWith("The bake ran longer than its timeout of 3s; Packer was interrupted");
        assertThat(logged).contains("Cleanly cancelled builds after being interrupted.");
    }

    @Test
    void aTemplateThatDeclaresRequiredPluginsIsInitialisedFirstAndAnInitFailureSaysWhy() {
        BakeFailedException e = catchThrowableOfType(BakeFailedException.class, () -> new PackerBaker()
                .bake(request("needs-plugin.pkr.hcl").build(), runner, Cancellation.none()));

        assertThat(logged).contains("The template declares required_plugins: running packer init");
        assertThat(e.getMessage()).startsWith("packer init failed with exit code 1")
                .contains("github.com/example/happycloud");
        assertThat(logged).noneMatch(l -> l.startsWith("Baking "));
    }

    @Test
    void theManifestsBuildsOfTheLastRunAreReadAndOlderRunsAreIgnored() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), """
                {"builds": [{"name": "app", "builder_type": "null", "build_time": 1600000000, "files": null,
                  "artifact_id": "stale-image-from-an-older-run", "packer_run_uuid": "old-run"}],
                 "last_run_uuid": "old-run"}
                """);
        BakeResult result = new PackerBaker().bake(request("basic.pkr.hcl").build(), runner, Cancellation.none());

        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("stale-image-from-an-older-run");
        assertThat(result.builds()).extracting(PackerArtifact::id).containsExactly("File", "Null");
        assertThat(result.builds().get(0).files()).containsExactly("release.txt");
    }

    @Test
    void aLegacyJsonTemplateBakesAndItsManifestIsFoundInsideAPostProcessorChain() throws IOException {
        BakeResult result = new PackerBaker().bake(request("legacy.json").var("release", "v9").build(), runner,
                Cancellation.none());

        assertThat(result.artifactId()).isEqualTo("File");
        assertThat(result.builds()).hasSize(1);
        assertThat(result.builds().get(0).files()).containsExactly("legacy-release.txt");
        assertThat(Files.readString(dir.resolve("legacy-release.txt"))).isEqualTo("release v9");
        assertThat(Files.readString(dir.resolve("legacy-manifest.json"))).contains("last_run_uuid");
        assertThat(logged).anyMatch(l -> l.endsWith("legacy release v9"));
    }

    @Test
    void aFolderOfHclFilesIsBakedWithItsAutoVariablesAndItsManifestRead() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("image"));
        PackerTestFiles.copy("templates/basic.pkr.hcl", folder);
        Files.writeString(folder.resolve("release.auto.pkrvars.hcl"), "release = \"v5.0.0\"\n");
        Files.writeString(dir.resolve("manifest.json"), """
                {"builds": [{"name": "app", "builder_type": "null", "files": null, "artifact_id": "stale",
                  "packer_run_uuid": "old-run"}], "last_run_uuid": "old-run"}
                """);
        BakeResult result = new PackerBaker().bake(BakeRequest.builder(folder.toString())
                .executable(TestTools.packer().toString()).workingDirectory(dir.toString()).build(), runner,
                Cancellation.none());

        assertThat(logged).contains("    null.app: release=v5.0.0");
        assertThat(result.builds()).extracting(PackerArtifact::id).containsExactly("File", "Null");
        // Packer appended this run to the old one; only this run's builds count.
        assertThat(PackerManifest.lastRun(HostFiles.local(), dir.resolve("manifest.json").toString()))
                .extracting(PackerManifest.Build::qualifiedName, PackerManifest.Build::artifactId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("null.app", "Null"),
                        org.assertj.core.groups.Tuple.tuple("file.release", "File"));
    }

    @Test
    void onlySelectsOneBuild() {
        BakeResult result = new PackerBaker().bake(request("basic.pkr.hcl").only(List.of("file.release")).build(),
                runner, Cancellation.none());

        assertThat(result.artifactId()).isEqualTo("File");
        assertThat(result.builds()).extracting(PackerArtifact::build).containsExactly("file.release");
        assertThat(Map.copyOf(result.toMap())).containsEntry("builder", "packer.file");
    }
}
