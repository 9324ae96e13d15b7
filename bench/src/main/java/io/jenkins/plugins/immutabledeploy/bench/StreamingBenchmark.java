package io.jenkins.plugins.immutabledeploy.bench;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LineHandler;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessResult;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A child that prints 200 MB of 1 KiB log lines, read through the engine ({@link ProcessRunner},
 * {@link LocalProcessLauncher}, line splitting, masking with 50 secrets, a sink that only counts),
 * against two baselines run side by side: the same child writing straight to /dev/null, and the
 * same child's pipe read by Java and thrown away (what any reader of its output pays). Every fork
 * has 64 MB of heap, so the engine benchmark finishing at all shows output is never held whole.
 *
 * <p>{@code child} chooses the producer: {@code fast} is {@code yes | head}, which prints as fast
 * as a pipe takes it and so shows the engine's own ceiling; {@code paced} prints the same lines in
 * 1 MB bursts with a 5 ms pause after each, a producer that does work between its output, as
 * Packer and Terraform do (and still far faster than either ever prints).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Xms64m"})
public class StreamingBenchmark {
    /** 200 MB, as the issue asks. */
    static final long BYTES = 200L * 1000 * 1000;

    @Param({"fast", "paced"})
    public String child;

    @Param({"1024"})
    public int lineBytes;

    /** How many secrets the masker knows (0 shows what masking itself costs). */
    @Param({"50"})
    public int secrets;

    private String script;
    private String line;
    private SecretMasker masker;

    @Setup
    public void setUp() {
        // The line goes through the environment to keep the command line short.
        line = BenchData.logLine(7, lineBytes - 1);
        script = switch (child) {
            case "fast" -> "yes \"$LINE\" | head -c " + BYTES;
            case "paced" -> "awk -v n=" + BYTES / lineBytes + " -v l=\"$LINE\" 'BEGIN { for (i = 1; i <= n; i++) {"
                    + " print l; if (i % 1000 == 0) { fflush(); system(\"sleep 0.005\") } } }'";
            default -> throw new IllegalArgumentException("child: " + child);
        };
        masker = new SecretMasker(BenchData.secrets(secrets));
    }

    private ProcessRequest request() {
        return ProcessRequest.builder("sh").args("-c", script).env("LINE", line).build();
    }

    /** The child's output read, split, masked and counted by the engine. */
    @Benchmark
    public long throughEngine() {
        long[] bytes = {0};
        BuildLog log = new BuildLog(l -> bytes[0] += l.length() + 1, masker);
        ProcessRunner runner = new ProcessRunner(new LocalProcessLauncher(), log);
        ProcessResult result = runner.run(request(), LineHandler.log(log), Cancellation.none());
        if (result.exitCode() != 0 || bytes[0] < BYTES * 99 / 100) {
            throw new IllegalStateException("the child failed or output went missing: " + result + ", " + bytes[0] + " bytes");
        }
        return bytes[0];
    }

    /** The same child with its output sent to /dev/null. */
    @Benchmark
    public int toDevNull() throws IOException, InterruptedException {
        return waitFor(processBuilder().redirectOutput(new File("/dev/null")).start());
    }

    /** The same child's output read from its pipe by Java and thrown away: no lines, no masking. */
    @Benchmark
    public long drainRaw() throws IOException, InterruptedException {
        Process p = processBuilder().start();
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = p.getInputStream()) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                n += r;
            }
        }
        waitFor(p);
        return n;
    }

    private ProcessBuilder processBuilder() {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(new File("/dev/null"));
        pb.environment().put("LINE", line);
        return pb;
    }

    private static int waitFor(Process p) throws InterruptedException {
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the child failed: exit " + exit);
        }
        return exit;
    }
}
