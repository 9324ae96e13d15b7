package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.process.ProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherProcessLauncherTest {
    @TempDir
    Path tmp;

    @Test
    void runsTheCommandInTheWorkspaceWithTheBuildEnvironmentPlusTheRequestVariables() throws Exception {
        Fixture f = new Fixture(tmp);
        f.env.put("FROM_BUILD", "build-value");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace).start(
                ProcessRequest.builder("sh").args("-c", "pwd; echo $FROM_BUILD $FROM_REQUEST; echo oops >&2; exit 3")
                        .env("FROM_REQUEST", "request-value").build(), out, err);

        assertThat(p.waitFor(Duration.ofSeconds(20))).isEqualTo(OptionalInt.of(3));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(f.dir.toRealPath() + "\nbuild-value request-value\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(p.isAlive()).isFalse();
        assertThat(f.log.text()).as("the command line is not echoed to the log").doesNotContain("FROM_BUILD");
    }

    @Test
    void interruptSendsSigintToTheToolWhichThenCleansUpAndExits() throws Exception {
        Fixture f = new Fixture(tmp);
        Path marker = tmp.resolve("marker");
        ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace).start(
                ProcessRequest.builder("sh").args("-c", "trap 'echo cleaned-up > " + marker + "; exit 130' INT;"
                        + " echo ready; while :; do sleep 0.1; done").build(), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertThat(p.waitFor(Duration.ofMillis(500))).as("still running before the interrupt").isEmpty();

        p.interrupt();

        assertThat(p.waitFor(Duration.ofSeconds(20))).isEqualTo(OptionalInt.of(130));
        assertThat(marker).hasContent("cleaned-up");
        assertThat(pidFiles(f)).as("the pid file is removed when the process ends").isEmpty();
    }

    @Test
    void interruptReachesTheProcessesTheToolStartedAsCtrlCInATerminalDoes() throws Exception {
        Fixture f = new Fixture(tmp);
        Path marker = tmp.resolve("child-marker");
        String child = "trap 'echo child-cleaned-up > " + marker + "; exit 5' INT; while :; do sleep 0.1; done";
        ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace).start(
                ProcessRequest.builder("sh").args("-c", "sh -c \"" + child + "\"; echo parent-done").build(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertThat(p.waitFor(Duration.ofMillis(500))).isEmpty();

        p.interrupt();

        assertThat(p.waitFor(Duration.ofSeconds(20))).isPresent();
        assertThat(marker).hasContent("child-cleaned-up");
    }

    @Test
    void killStopsAToolThatIgnoresSigint() throws Exception {
        Fixture f = new Fixture(tmp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace).start(
                ProcessRequest.builder("sh").args("-c", "trap '' INT; echo trapped; while :; do sleep 0.1; done").build(),
                out, new ByteArrayOutputStream());
        while (!out.toString(StandardCharsets.UTF_8).contains("trapped")) {
            Thread.sleep(10);
        }
        p.interrupt();
        assertThat(p.waitFor(Duration.ofMillis(700))).as("SIGINT is ignored").isEmpty();

        p.kill();

        assertThat(p.waitFor(Duration.ofSeconds(20))).isPresent();
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void interruptAfterTheProcessEndedDoesNothing() throws Exception {
        Fixture f = new Fixture(tmp);
        ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace).start(
                ProcessRequest.builder("true").build(), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertThat(p.waitFor(Duration.ofSeconds(20))).isEqualTo(OptionalInt.of(0));

        p.interrupt();
        p.kill();

        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void pidFilesGoToTheWorkspacesTemporaryFolderAsJenkinsNamesIt() throws Exception {
        String combinator = "hudson.slaves.WorkspaceList";
        System.setProperty(combinator, "_");
        try {
            Fixture f = new Fixture(tmp);
            ProcessLauncher.Running p = new LauncherProcessLauncher(f.launcher, f.env, f.workspace, "step-1").start(
                    ProcessRequest.builder("sh").args("-c", "sleep 30").build(), new ByteArrayOutputStream(),
                    new ByteArrayOutputStream());
            try {
                Path folder = f.dir.resolveSibling("app_tmp").resolve("immutable-deploy").resolve("step-1");
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (!Files.isDirectory(folder) || Files.list(folder).noneMatch(x -> x.toString().endsWith(".pid"))) {
                    assertThat(System.nanoTime()).as("waiting for the pid file in " + folder).isLessThan(deadline);
                    Thread.sleep(10);
                }
                assertThat(f.dir.resolveSibling("app@tmp")).doesNotExist();
            } finally {
                p.kill();
            }
        } finally {
            System.clearProperty(combinator);
        }
    }

    private static java.util.List<Path> pidFiles(Fixture f) throws Exception {
        Path dir = f.dir.resolveSibling(f.dir.getFileName() + "@tmp").resolve("immutable-deploy");
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".pid")).toList();
        }
    }
}
