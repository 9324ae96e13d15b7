package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/immutable-deploy} with the jar and class-data archive that {@code package} built (run by
 * failsafe after it): the archive is used, and an archive the JVM cannot use (another JDK's, a stale
 * or broken one) changes nothing a script reads, since the JVM's notice about it would go to stdout.
 */
class LauncherIT {
    private static final Path CHECKOUT = Path.of(System.getProperty("checkout.dir", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(Path root, String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/immutable-deploy").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("IMMUTABLE_DEPLOY_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static String versionOutput() {
        return "immutable-deploy " + System.getProperty("project.version") + "\nJava " + System.getProperty("java.version")
                + "\n";
    }

    @Test
    void theArchiveBuiltWithTheJarIsMappedWhenTheCommandStarts() throws Exception {
        Path loaded = tmp.resolve("classes.txt");

        Run r = run(CHECKOUT, "-Xlog:class+load:file=" + loaded, "--version");

        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo(versionOutput());
        assertThat(Files.readString(loaded)).as("classes of the CLI come from the archive")
                .contains("io.jenkins.plugins.immutabledeploy.cli.Main source: shared objects file (top)");
    }

    @Test
    void anArchiveTheJvmCannotUseChangesNothingOnStdoutOrStderr() throws Exception {
        // A copy of the build elsewhere: the archive names the original jar, so the JVM refuses it.
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("cli/target"));
        Files.copy(CHECKOUT.resolve("bin/immutable-deploy"), copy.resolve("bin/immutable-deploy"),
                StandardCopyOption.COPY_ATTRIBUTES);
        for (String f : List.of("immutable-deploy.jar", "immutable-deploy.jsa", "immutable-deploy.jsa.jdk")) {
            Files.copy(CHECKOUT.resolve("cli/target").resolve(f), copy.resolve("cli/target").resolve(f));
        }

        Run moved = run(copy, "", "--version");
        Files.write(copy.resolve("cli/target/immutable-deploy.jsa"), new byte[] {1, 2, 3}); // broken
        Run broken = run(copy, "", "--version");
        Files.writeString(copy.resolve("cli/target/immutable-deploy.jsa.jdk"), "/some/other/jdk\n");
        Run otherJdk = run(copy, "", "--version");

        for (Run r : List.of(moved, broken, otherJdk)) {
            assertThat(r.exit()).isZero();
            assertThat(r.stdout()).isEqualTo(versionOutput());
            assertThat(r.stderr()).isEmpty();
        }
    }
}
