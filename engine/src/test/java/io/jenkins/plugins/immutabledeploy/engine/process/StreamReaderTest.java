package io.jenkins.plugins.immutabledeploy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.testing.RecordingLines;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link StreamReader} on a real child's output, through {@link ProcessRunner}. */
class StreamReaderTest {
    private final RecordingLines log = new RecordingLines();
    private final ProcessRunner runner = new ProcessRunner(new LocalProcessLauncher(), new BuildLog(log, new SecretMasker()),
            Duration.ofSeconds(5));

    @Test
    void theReaderSeesEveryByteOfAnOutputLargerThanAnyLineIsKeptWhole() throws Exception {
        StreamReader<String> sha = new StreamReader<>(in -> {
            MessageDigest d = sha256();
            byte[] b = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(b)) >= 0; ) {
                d.update(b, 0, n);
                total += n;
            }
            return total + " " + HexFormat.of().formatHex(d.digest());
        }, "sha");

        ProcessResult r = runner.run(ProcessRequest.builder("sh").args("-c", "head -c 40000000 /dev/zero | tr '\\0' x").build(),
                sha, LineHandler.log(runner.log()), Cancellation.none(), null);

        assertThat(r.exitCode()).isZero();
        MessageDigest expected = sha256();
        expected.update("x".repeat(40_000_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(sha.result()).isEqualTo("40000000 " + HexFormat.of().formatHex(expected.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReaderThatGivesUpEarlyLeavesTheChildToFinishAndItsErrorIsReturned() {
        StreamReader<String> failing = new StreamReader<>(in -> {
            in.read();
            throw new IOException("not what was expected");
        }, "failing");

        ProcessResult r = runner.run(ProcessRequest.builder("sh").args("-c", "head -c 5000000 /dev/zero; echo done >&2").build(),
                failing, LineHandler.log(runner.log()), Cancellation.none(), Duration.ofSeconds(60));

        assertThat(r.exitCode()).isZero();
        assertThat(r.timedOut()).isFalse();
        assertThat(log.lines()).containsExactly("done");
        assertThatThrownBy(failing::result).isInstanceOf(IOException.class).hasMessage("not what was expected");
    }
}
