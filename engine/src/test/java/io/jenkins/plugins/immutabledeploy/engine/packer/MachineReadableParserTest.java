package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reads recorded Packer 1.9.4 output (and output shaped like Packer's DigitalOcean examples). */
class MachineReadableParserTest {
    private final List<String> logged = new ArrayList<>();
    private final SecretMasker secrets = new SecretMasker();
    private final MachineReadableParser parser = new MachineReadableParser(new BuildLog(logged::add, secrets));

    private void feed(String fixture) {
        PackerTestFiles.lines("fixtures/" + fixture).forEach(parser::accept);
    }

    @Test
    void aRealBuildsUiLinesBecomeReadableLinesAndItsArtifactsAreCollectedOncePerBuild() {
        secrets.add("s3cr3t-fixture");
        feed("null-and-file-build.out");

        assertThat(parser.artifacts()).containsExactly(
                new PackerArtifact("null.app", "fnoeding.null", "Null", "Did not export anything. This is the null builder", List.of()),
                new PackerArtifact("file.release", "packer.file", "File", "Stored file: release.txt", List.of("release.txt")));
        assertThat(logged).contains("    null.app: greeting=hi", "    file.release: release=v2.3.4",
                "    null.app: password=****", "==> Wait completed after 12 milliseconds 56 microseconds",
                "==> Builds finished. The artifacts of successful builds are:");
        assertThat(logged).noneMatch(l -> l.contains("s3cr3t-fixture")).noneMatch(l -> l.contains("PACKER_COMMA"))
                .noneMatch(l -> l.contains(",artifact,")).noneMatch(String::isBlank);
        assertThat(parser.plainLines()).isZero();
        assertThat(parser.errorLines()).isEmpty();
    }

    @Test
    void aFailedBuildKeepsThePerBuildErrorLineForTheFailureMessage() {
        feed("failing-build.out");

        assertThat(parser.errorLines())
                .containsExactly("null.broken: Script exited with non-zero exit status: 3. Allowed exit codes are: [0]");
        assertThat(parser.artifacts()).isEmpty();
        assertThat(logged).contains("ERROR: ==> null.broken: could not reach the database with not-set");
    }

    @Test
    void aTemplateErrorIsUnescapedIntoItsLines() {
        feed("invalid-template.out");

        assertThat(parser.errorLines()).containsExactly("Error: Invalid expression",
                "on broken.pkr.hcl line 1, in source \"null\" \"x\":",
                "1: source \"null\" \"x\" { communicator =",
                "Expected the start of an expression, but found an invalid expression token.");
    }

    @Test
    void anInterruptedBuildKeepsPackersCancellationLines() {
        feed("cancelled-build.out");

        assertThat(parser.errorLines()).containsExactly("Cancelling build after receiving interrupt",
                "Build 'null.slow' errored after 2 seconds 928 milliseconds: context canceled");
        assertThat(logged).last().isEqualTo("Cleanly cancelled builds after being interrupted.");
    }

    @Test
    void aDigitalOceanSnapshotArtifactGivesItsIdRegionsAndName() {
        feed("digitalocean-snapshot.out");

        assertThat(parser.artifacts()).hasSize(1);
        PackerArtifact a = parser.artifacts().get(0);
        assertThat(a.id()).isEqualTo("ams3:58285042");
        assertThat(DigitalOceanImage.of(a))
                .isEqualTo(new DigitalOceanImage("58285042", List.of("ams3"), "app-v1-1700000000"));
        assertThat(logged).contains("    digitalocean.app: app v1 installed, service enabled");
    }

    @Test
    void aSnapshotCopiedToSeveralRegionsListsThemAll() {
        feed("digitalocean-snapshot-regions.out");

        PackerArtifact a = parser.artifacts().get(0);
        assertThat(a.build()).isEqualTo("digitalocean");
        assertThat(a.id()).isEqualTo("ams3,nyc3,sfo3:58285043");
        assertThat(DigitalOceanImage.of(a))
                .isEqualTo(new DigitalOceanImage("58285043", List.of("ams3", "nyc3", "sfo3"), "app-v2-1700000000"));
    }

    @Test
    void olderPackersPutTheBuildNameInTheTargetAndTheLineIsPrefixedWithIt() {
        parser.accept("1498365963,digitalocean,ui,say,Creating droplet...");
        parser.accept("1498365963,digitalocean,ui,message,    digitalocean: already named");

        assertThat(logged).containsExactly("digitalocean: Creating droplet...", "    digitalocean: already named");
    }

    @Test
    void linesThatAreNotMachineReadableAreKeptAsTheyAre() {
        List<String> odd = List.of("plain text from a plugin", "panic: runtime error", "12a,,ui,say,x",
                "1700000000,,UI,say,upper-case type", "1700000000,,ui", "1700000000,,ui,say",
                "1700000000,,ui,whisper,unknown ui kind", "1700000000,b,artifact,x,id,1", "1700000000,,artifact,0,id,1",
                "1700000000,b,artifact,0,colour,red", "1700000000,b,artifact,0,file,0", "1700000000,,mystery,type");
        odd.forEach(parser::accept);

        assertThat(logged).containsExactlyElementsOf(odd);
        assertThat(parser.plainLines()).isEqualTo(odd.size());
        assertThat(parser.artifacts()).isEmpty();
    }

    @Test
    void standardErrorLinesArePrintedAndKeptAsErrors() {
        parser.acceptStderr("panic: plugin crashed");

        assertThat(logged).containsExactly("ERROR: panic: plugin crashed");
        assertThat(parser.errorLines()).containsExactly("panic: plugin crashed");
    }

    @Test
    void onlyTheLastTenErrorLinesAreKept() {
        for (int i = 0; i < 25; i++) {
            parser.accept("1700000000,b,error,failure " + i);
        }
        assertThat(parser.errorLines()).hasSize(MachineReadableParser.MAX_ERROR_LINES)
                .first().isEqualTo("b: failure 15");
    }

    /**
     * Property: whatever arrives (recorded lines cut anywhere, with bytes flipped, or random
     * text), the parser never throws, and every line it cannot read reaches the log unchanged.
     */
    @Test
    void arbitraryAndTruncatedLinesNeverThrowAndAreKeptAsPlainLogLines() {
        List<String> corpus = new ArrayList<>();
        for (String f : List.of("null-and-file-build.out", "failing-build.out", "invalid-template.out",
                "cancelled-build.out", "digitalocean-snapshot.out", "digitalocean-snapshot-regions.out")) {
            corpus.addAll(PackerTestFiles.lines("fixtures/" + f));
        }
        String alphabet = ",,,%!(PACKER_COMMA)\\n\\r0123456789abcdefuiartifact-: '\u00e9\u2603\t\"{}";
        Random random = new Random(20261124L);
        for (int round = 0; round < 20_000; round++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            String line = switch (random.nextInt(4)) {
                case 0 -> base.substring(0, random.nextInt(base.length() + 1));
                case 1 -> {
                    StringBuilder sb = new StringBuilder(base);
                    for (int k = random.nextInt(4); k >= 0 && sb.length() > 0; k--) {
                        sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    yield sb.toString();
                }
                case 2 -> {
                    StringBuilder sb = new StringBuilder();
                    for (int k = random.nextInt(80); k > 0; k--) {
                        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    yield sb.toString();
                }
                default -> {
                    StringBuilder sb = new StringBuilder();
                    for (int k = random.nextInt(60); k > 0; k--) {
                        sb.append((char) random.nextInt(0x3000));
                    }
                    yield sb.toString();
                }
            };
            int plainBefore = parser.plainLines();
            logged.clear();
            assertThatCode(() -> parser.accept(line)).as("line %s", line).doesNotThrowAnyException();
            if (MachineReadableLine.parse(line) == null) {
                assertThat(parser.plainLines()).as("line %s", line).isEqualTo(plainBefore + 1);
                if (!line.isBlank()) {
                    assertThat(logged).as("line %s", line).containsExactly(line);
                }
            }
        }
        assertThatCode(parser::artifacts).doesNotThrowAnyException();
        assertThatCode(parser::errorLines).doesNotThrowAnyException();
    }
}
