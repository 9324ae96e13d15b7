package io.jenkins.plugins.immutabledeploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming comparison again, but interleaved: each round runs the child to /dev/null, drained
 * raw, and through the engine, one right after the other, so that load from other work on a shared
 * machine hits all three alike; the ratio is taken within each round and the median over rounds
 * is reported. JMH runs each benchmark in a block of its own, which on a busy machine can differ
 * by more than the effect measured. A thread samples the heap every millisecond throughout: run
 * it with the heap limit under test ({@code -Xmx64m}).
 */
public final class StreamingSideBySide {
    private StreamingSideBySide() {}

    /**
     * @param args optional: rounds per child (default 9)
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        AtomicLong peakUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long liveAfterGc = 0;

        System.out.printf("%-6s %9s %9s %9s %22s %22s %14s %14s%n", "child", "devnull", "drainRaw", "engine",
                "engine/devnull", "engine/drainRaw", "JVM CPU raw", "JVM CPU engine");
        for (String child : new String[] {"fast", "paced"}) {
            StreamingBenchmark b = new StreamingBenchmark();
            b.child = child;
            b.lineBytes = 1024;
            b.secrets = 50;
            b.setUp();
            b.throughEngine(); // warm-up
            b.drainRaw();
            List<Double> devnull = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            List<Double> engine = new ArrayList<>();
            List<Double> vsDevnull = new ArrayList<>();
            List<Double> vsRaw = new ArrayList<>();
            List<Double> cpuRaw = new ArrayList<>();
            List<Double> cpuEngine = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double d = millis(b::toDevNull);
                long c0 = cpuNanos();
                double w = millis(b::drainRaw);
                long c1 = cpuNanos();
                double e = millis(b::throughEngine);
                cpuRaw.add((c1 - c0) / 1e6);
                cpuEngine.add((cpuNanos() - c1) / 1e6);
                devnull.add(d);
                raw.add(w);
                engine.add(e);
                vsDevnull.add(e / d);
                vsRaw.add(e / w);
            }
            System.out.printf("%-6s %7.0fms %7.0fms %7.0fms %8.3f [%.3f-%.3f] %8.3f [%.3f-%.3f] %12.0fms %12.0fms%n",
                    child, median(devnull), median(raw), median(engine), median(vsDevnull), min(vsDevnull),
                    max(vsDevnull), median(vsRaw), min(vsRaw), max(vsRaw), median(cpuRaw), median(cpuEngine));
        }
        sampler.interrupt();
        sampler.join();
        for (MemoryPoolMXBean p : heap) {
            MemoryUsage afterGc = p.getCollectionUsage();
            liveAfterGc += afterGc == null ? 0 : afterGc.getUsed();
        }
        System.out.printf("(medians of %d rounds; ratios: median [min-max] of the per-round ratios;"
                + " JVM CPU: user+system time of this JVM during the run)%n", rounds);
        System.out.printf("heap: limit %.0f MB, peak in use (sampled every 1 ms, garbage included) %.1f MB,"
                + " in use after the last collection %.1f MB%n", Runtime.getRuntime().maxMemory() / 1048576.0,
                peakUsed.get() / 1048576.0, liveAfterGc / 1048576.0);
    }

    /** CPU time of this whole JVM (all threads, GC included), not of the child. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double millis(Callable<?> run) throws Exception {
        long t = System.nanoTime();
        run.call();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
