package io.jenkins.plugins.immutabledeploy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.testing.RecordingLines;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProcessRunner} and {@link LocalProcessLauncher} with real child processes. */
class ProcessRunnerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private final SecretMasker secrets = new SecretMasker();
    private final RecordingLines log = new RecordingLines();
    private final RecordingLines out = new RecordingLines();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private ProcessRunner runner(Duration grace) {
        return new ProcessRunner(new LocalProcessLauncher(), new BuildLog(log, secrets), grace);
    }

    private static String child(String name) {
        try {
            return Path.of(ProcessRunnerTest.class.getResource("/children/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Future<ProcessResult> start(ProcessRunner runner, ProcessRequest request, Cancellation cancel) {
        return background.submit(() -> runner.run(request, out, LineHandler.log(runner.log()), cancel, null));
    }

    @Test
    void linesReachTheHandlerWhileTheProcessIsStillRunning() throws Exception {
        Path go = tmp.resolve("go");
        ProcessRequest req = ProcessRequest.builder("sh").args(child("wait-for-file.sh")).env("GO", go.toString()).build();

        Future<ProcessResult> run = start(runner(Duration.ofSeconds(5)), req, Cancellation.none());
        out.await("first line", WAIT);

        // The child cannot exit before this file exists, so the line above was streamed, not buffered.
        assertThat(run.isDone()).isFalse();
        assertThat(out.lines()).containsExactly("first line");
        Files.createFile(go);
        ProcessResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.exitCode()).isZero();
        assertThat(out.lines()).containsExactly("first line", "second line");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 42, 255})
    void theExitCodeIsReturnedAsAValueNotThrown(int code) {
        ProcessRequest req = ProcessRequest.builder("sh").args("-c", "echo out; echo err >&2; exit " + code).build();

        ProcessResult result = runner(Duration.ofSeconds(5)).run(req, out, Cancellation.none());

        assertThat(result.exitCode()).isEqualTo(code);
        assertThat(result.succeeded()).isEqualTo(code == 0);
        assertThat(result.cancelled()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(out.lines()).containsExactly("out");
        assertThat(log.lines()).containsExactly("err");
    }

    @Test
    void aHandlerThatThrowsOnOneLineStillGetsTheRestAndTheFailureIsReportedMasked() {
        String secret = "tok-9f8e7d6c5b4a";
        secrets.add(secret);
        ProcessRunner runner = runner(Duration.ofSeconds(5));
        ProcessRequest req = ProcessRequest.builder("sh").args("-c", "echo one; echo \"bad $TOKEN\"; echo three; echo four")
                .env("TOKEN", secret).build();
        LineHandler picky = line -> {
            if (line.startsWith("bad")) {
                throw new IllegalStateException("cannot parse '" + line + "'");
            }
            out.line(line);
        };

        ProcessResult result = runner.run(req, picky, Cancellation.none());

        assertThat(result.exitCode()).isZero();
        assertThat(out.lines()).containsExactly("one", "three", "four");
        assertThat(log.lines()).containsExactly("WARNING: Could not process 1 line(s) of sh's output; the other lines were handled."
                + " The first failed with: java.lang.IllegalStateException: cannot parse 'bad ****'");
    }

    @Test
    void aSecretWrittenInTwoPiecesByTheChildIsStillMasked() {
        String secret = "s3cr3t-split-token-value";
        secrets.add(secret);
        ProcessRunner runner = runner(Duration.ofSeconds(5));
        ProcessRequest req = ProcessRequest.builder("sh").args(child("split-secret.sh")).env("TOKEN", secret).build();

        ProcessResult result = runner.run(req, LineHandler.log(runner.log()), Cancellation.none());

        assertThat(result.exitCode()).isZero();
        assertThat(log.lines()).containsExactly("token=**** and more");
    }

    /**
     * Issue 17 #7: a line longer than {@link LineSplitter#MAX_LINE_BYTES} is handed on in pieces, and
     * each piece is masked on its own, so the cut must not fall inside a secret (nor just before its
     * end, where it could not yet be recognised).
     */
    @Test
    void aSecretWhereAnOverlongLineIsCutIsMaskedAndNoPieceShowsAPartOfIt() {
        String secret = "dop_v1_5ecret4c9f2e7a1b3d5f7091a2b4c6d8e0f1a3b5";
        secrets.add(secret);
        ProcessRunner runner = runner(Duration.ofSeconds(5));
        int before = LineSplitter.MAX_LINE_BYTES - 20; // the first 20 characters of the secret fit in the first piece
        ProcessRequest req = ProcessRequest.builder("sh")
                .args("-c", "head -c " + before + " /dev/zero | tr '\\0' x; printf '%s and more\\n' \"$TOKEN\"")
                .env("TOKEN", secret).build();

        ProcessResult result = runner.run(req, LineHandler.log(runner.log()), Cancellation.none());

        assertThat(result.exitCode()).isZero();
        assertThat(log.lines()).hasSizeGreaterThan(1);
        assertThat(log.lines()).noneMatch(piece -> piece.contains(secret.substring(0, 12)) || piece.contains(secret.substring(12))
                || piece.endsWith(secret.substring(0, 6)));
        assertThat(String.join("", log.lines()).equals("x".repeat(before) + "**** and more"))
                .as("every piece, masked, nothing lost or repeated").isTrue();
    }

    @Test
    void jsonEscapedUrlEncodedAndMultiLineFormsOfSecretsAreMaskedInTheLog() {
        String password = "p@ss \"w0rd\" \\ & more";
        String key = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX\n-----END KEY-----";
        secrets.add(password).add(key);
        String plus = URLEncoder.encode(password, StandardCharsets.UTF_8);
        ProcessRunner runner = runner(Duration.ofSeconds(5));
        ProcessRequest req = ProcessRequest.builder("sh").args(child("secret-forms.sh"))
                .env("SECRET", password)
                .env("URL_PLUS", plus)
                .env("URL_PCT", plus.replace("+", "%20"))
                .env("KEY", key)
                .build();

        ProcessResult result = runner.run(req, LineHandler.log(runner.log()), Cancellation.none());

        assertThat(result.exitCode()).isZero();
        assertThat(log.lines()).containsExactly(
                "{\"db_password\":{\"sensitive\":false,\"value\":\"****\"}}",
                "connecting to postgres://app:****@db.internal:5432/app",
                "POST /login body=user=app&password=****",
                "****", "****", "****");
        assertThat(log.text()).doesNotContain("w0rd", "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX", "p%40ss");
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithAMessageThatDoesNotContainIt() {
        String secret = "do-not-pass-me-in-argv";
        secrets.add(secret);
        Path marker = tmp.resolve("started");
        ProcessRequest req = ProcessRequest.builder("sh")
                .args("-c", "touch \"$0\"", marker.toString(), "--token=" + secret)
                .build();

        assertThatThrownBy(() -> runner(Duration.ofSeconds(5)).run(req, out, Cancellation.none()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("argument 4 (--token=****) contains a secret")
                .hasMessageContaining("only as environment variables")
                .hasMessageNotContaining(secret);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSecretInTheEnvironmentReachesTheChild() {
        String secret = "only-in-the-environment";
        secrets.add(secret);
        Path copy = tmp.resolve("seen");
        ProcessRequest req = ProcessRequest.builder("sh")
                .args("-c", "printf '%s' \"$TF_VAR_token\" > \"$0\"", copy.toString())
                .env("TF_VAR_token", secret)
                .build();

        ProcessResult result = runner(Duration.ofSeconds(5)).run(req, out, Cancellation.none());

        assertThat(result.exitCode()).isZero();
        assertThat(copy).hasContent(secret);
    }

    @Test
    void cancelInterruptsAChildThatTrapsSigintAndLetsItFinishItsCleanup() throws Exception {
        Path marker = tmp.resolve("cleaned");
        Cancellation cancel = new Cancellation();
        ProcessRequest req = ProcessRequest.builder("sh").args(child("trap-and-clean.sh"))
                .env("MARKER", marker.toString()).build();

        Future<ProcessResult> run = start(runner(Duration.ofSeconds(30)), req, cancel);
        out.await("started", WAIT);
        cancel.cancel();
        ProcessResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.cancelled()).isTrue();
        assertThat(result.killed()).isFalse();
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(out.lines()).containsExactly("started", "cleaning up", "cleanup finished");
        assertThat(marker).hasContent("cleaned");
        assertThat(log.text()).contains("Cancelled: interrupting sh (SIGINT)");
    }

    @Test
    void aChildThatIgnoresSigintIsKilledAfterTheGracePeriod() throws Exception {
        Cancellation cancel = new Cancellation();
        ProcessRequest req = ProcessRequest.builder("sh").args(child("ignore-sigint.sh")).build();

        Future<ProcessResult> run = start(runner(Duration.ofMillis(1500)), req, cancel);
        out.await("started", WAIT);
        long cancelledAt = System.nanoTime();
        cancel.cancel();
        ProcessResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Duration stopping = Duration.ofNanos(System.nanoTime() - cancelledAt);

        assertThat(result.cancelled()).isTrue();
        assertThat(result.killed()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(stopping).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(15));
        assertThat(log.text()).contains("did not stop within 1s", "killing it and every process it started");
    }

    @Test
    void aKilledChildLeavesNoGrandchildBehind() throws Exception {
        Stopped stopped = cancelAChildWithAGrandchild(false, Duration.ofMillis(500));

        assertThat(stopped.result().killed()).isTrue();
        assertGone(stopped.grandchild());
    }

    @Test
    void aGrandchildThatOutlivesItsInterruptedParentIsKilledToo() throws Exception {
        Stopped stopped = cancelAChildWithAGrandchild(true, Duration.ofSeconds(30));

        // The grandchild held the output pipes open: the run must not wait for them to close.
        assertThat(stopped.stopping()).isLessThan(Duration.ofSeconds(4));
        assertThat(stopped.result().cancelled()).isTrue();
        assertThat(stopped.result().killed()).isFalse();
        assertThat(out.lines()).contains("parent exits");
        assertGone(stopped.grandchild());
    }

    private record Stopped(ProcessResult result, long grandchild, Duration stopping) {}

    /** Starts a child that starts a grandchild ignoring SIGINT, checks it is alive, then cancels. */
    private Stopped cancelAChildWithAGrandchild(boolean parentExitsOnInt, Duration grace) throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        Cancellation cancel = new Cancellation();
        ProcessRequest req = ProcessRequest.builder("sh").args(child("with-grandchild.sh"))
                .env("PIDFILE", pidFile.toString()).env("PARENT_EXITS_ON_INT", parentExitsOnInt ? "1" : "0").build();

        Future<ProcessResult> run = start(runner(grace), req, cancel);
        out.await("started", WAIT);
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);
        long cancelledAt = System.nanoTime();
        cancel.cancel();
        ProcessResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Stopped(result, grandchild, Duration.ofNanos(System.nanoTime() - cancelledAt));
    }

    private static void assertGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        while (handle.isPresent() && handle.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            handle = ProcessHandle.of(pid);
        }
        assertThat(handle.map(ProcessHandle::isAlive)).as("grandchild pid %d is still alive", pid).isNotEqualTo(Optional.of(true));
    }

    @Test
    void cancellingTwiceWhileRunningAndAgainAfterTheEndIsHarmless() throws Exception {
        Cancellation cancel = new Cancellation();
        ProcessRequest req = ProcessRequest.builder("sh").args(child("trap-and-clean.sh"))
                .env("MARKER", tmp.resolve("cleaned").toString()).build();

        Future<ProcessResult> run = start(runner(Duration.ofSeconds(30)), req, cancel);
        out.await("started", WAIT);
        cancel.cancel();
        cancel.cancel();
        ProcessResult result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        cancel.cancel();

        assertThat(result.cancelled()).isTrue();
        assertThat(out.lines()).containsOnlyOnce("cleaning up");
    }

    @Test
    void interruptingAndKillingAProcessThatHasEndedIsHarmless() throws Exception {
        ProcessLauncher.Running p = new LocalProcessLauncher().start(
                ProcessRequest.builder("sh").args("-c", "exit 3").build(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());

        assertThat(p.waitFor(WAIT)).hasValue(3);
        p.interrupt();
        p.kill();
        p.kill();
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void aRunCancelledBeforeItStartsStartsNothing() {
        Path marker = tmp.resolve("started");
        Cancellation cancel = new Cancellation();
        cancel.cancel();

        ProcessResult result = runner(Duration.ofSeconds(5)).run(
                ProcessRequest.builder("touch").args(marker.toString()).build(), out, cancel);

        assertThat(result.cancelled()).isTrue();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aMissingToolGivenByPathNamesTheToolWhereItLookedAndHowToInstallIt() {
        String path = tmp.resolve("bin/packer").toString();

        assertThatThrownBy(() -> runner(Duration.ofSeconds(5)).run(ProcessRequest.builder(path).args("version").build(),
                out, Cancellation.none()))
                .isInstanceOfSatisfying(ToolNotFoundException.class, e -> {
                    assertThat(e.tool()).isEqualTo("packer");
                    assertThat(e.lookedAt()).containsExactly(path);
                })
                .hasMessageContaining("packer was not found (looked for: " + path + ")")
                .hasMessageContaining("Install packer on the machine that runs the build")
                // A user of the plugin or the CLI has no checkout of this project.
                .hasMessageNotContaining("install-tools.sh");
    }

    @Test
    void aMissingToolGivenByNameSaysItWasLookedForOnPath() {
        assertThatThrownBy(() -> runner(Duration.ofSeconds(5)).run(
                ProcessRequest.builder("no-such-tool-here").build(), out, Cancellation.none()))
                .isInstanceOf(ToolNotFoundException.class)
                .hasMessage("no-such-tool-here was not found (looked for: no-such-tool-here on PATH)."
                        + " Install no-such-tool-here on the machine that runs the build and put it on PATH, or give its"
                        + " path explicitly.");
    }

    @Test
    void aProcessThatRunsPastItsTimeoutIsStoppedAndMarkedTimedOut() {
        ProcessRunner runner = runner(Duration.ofSeconds(5));
        ProcessRequest req = ProcessRequest.builder("sh").args("-c", "echo started; sleep 30; echo never").build();
        long started = System.nanoTime();

        ProcessResult result = runner.run(req, out, LineHandler.log(runner.log()), Cancellation.none(),
                Duration.ofMillis(700));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.cancelled()).isFalse();
        assertThat(result.succeeded()).isFalse();
        assertThat(out.lines()).containsExactly("started");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(log.text()).contains("sh ran longer than 700ms: interrupting sh (SIGINT)");
    }

    @Test
    void aMissingWorkingDirectoryIsACouldNotStartError() {
        ProcessRequest req = ProcessRequest.builder("sh").args("-c", "true")
                .workingDirectory(tmp.resolve("nope").toString()).build();

        assertThatThrownBy(() -> runner(Duration.ofSeconds(5)).run(req, out, Cancellation.none()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Could not start sh")
                .hasMessageContaining("nope does not exist");
    }
    @Test
    void aLineHandlerThatThrowsDoesNotLeaveTheChildBlockedOnAFullPipe() {
        // 4 MB is far more than a pipe holds: the child can only finish if its output is still read.
        ProcessRequest req = ProcessRequest.builder("sh").args("-c", "yes 0123456789abcdef | head -c 4000000; exit 5")
                .build();
        int[] calls = {0};

        ProcessResult result = runner(Duration.ofSeconds(5)).run(req, line -> {
            calls[0]++;
            throw new IllegalStateException("handler broke");
        }, LineHandler.discard(), Cancellation.none(), Duration.ofSeconds(20));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isEqualTo(5);
        // Every line was still offered (4,000,000 bytes of 17-byte lines, the last one cut short), and the
        // failures are reported once, not once per line.
        assertThat(calls[0]).isEqualTo(4_000_000 / 17 + 1);
        assertThat(log.lines()).singleElement().asString()
                .startsWith("WARNING: Could not process 235295 line(s) of sh's output");
    }
}
