package io.jenkins.plugins.immutabledeploy.bench;

import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Masking throughput on one core: 50 secrets, 1 KiB log lines. One operation masks 1 MiB
 * (1024 lines), so the score in ops/s is MiB/s.
 *
 * <p>{@code secretEvery} sets how many lines carry a secret: 0 is a log without secrets (the
 * common case), 16 puts one of the 50 secrets in every 16th line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskingBenchmark {
    static final int LINE_BYTES = 1024;
    static final int LINES = 1024;

    @Param({"0", "16"})
    public int secretEvery;

    private SecretMasker masker;
    private String[] lines;

    @Setup
    public void setUp() {
        List<String> secrets = BenchData.secrets(50);
        masker = new SecretMasker(secrets);
        lines = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            String line = BenchData.logLine(i, LINE_BYTES);
            if (secretEvery > 0 && i % secretEvery == 0) {
                String s = secrets.get(i % secrets.size());
                int at = (i * 31) % (LINE_BYTES - s.length());
                line = line.substring(0, at) + s + line.substring(at + s.length());
            }
            lines[i] = line;
        }
        int masked = 0;
        for (String l : lines) {
            masked += masker.mask(l) == l ? 0 : 1;
        }
        int expected = secretEvery == 0 ? 0 : (LINES + secretEvery - 1) / secretEvery;
        if (masked != expected) {
            throw new IllegalStateException("expected " + expected + " lines with a secret, masked " + masked);
        }
    }

    /** Masks 1 MiB of log lines. */
    @Benchmark
    public void maskOneMebibyte(Blackhole bh) {
        for (String l : lines) {
            bh.consume(masker.mask(l));
        }
    }
}
