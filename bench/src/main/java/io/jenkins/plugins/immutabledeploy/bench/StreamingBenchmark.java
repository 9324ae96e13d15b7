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
 * A child that prints 200 MB of log lines, read through the engine (ProcessRunner,
 * LocalProcessLauncher, line splitting, masking with 50 secrets, a sink that counts) versus the
 * same child writing to /dev/null. Both run in a JVM limited to 64 MB of heap, so the engine
 * benchmark finishing at all shows the output is never held whole.
 *
 * <p>{@code child} chooses the producer: {@code fast} is {@code yes | head}, which prints at
 * several GB/s and so measures the engine's own ceiling; {@code awk} builds each line in awk,
 * closer to a tool that does work between lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Xms64m"})
public class StreamingBenchmark {
    /** 200 MB, as the issue asks. */
    static final long BYTES = 200L * 1000 * 1000;

    @Param({"fast", "awk"})
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
            case "awk" -> "awk -v n=" + BYTES / lineBytes + " -v l=\"$LINE\""
                    + " 'BEGIN { for (i = 0; i < n; i++) print substr(l, 1, length(l) - 8) sprintf(\"%08d\", i % 100000000) }'";
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
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script)
                .redirectOutput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(new File("/dev/null"));
        pb.environment().put("LINE", line);
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("the child failed: exit " + exit);
        }
        return exit;
    }
}
