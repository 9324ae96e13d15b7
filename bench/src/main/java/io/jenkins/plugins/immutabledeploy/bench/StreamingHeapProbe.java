package io.jenkins.plugins.immutabledeploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap while the engine streams 200 MB: runs {@link StreamingBenchmark#throughEngine()}
 * a few times while a thread samples the heap every millisecond. Prints the highest heap in use
 * (live data plus garbage not yet collected) and the most live data left after any collection.
 * Run it with the heap limit under test, e.g. {@code java -Xmx64m -cp benchmarks.jar ...}.
 */
public final class StreamingHeapProbe {
    private StreamingHeapProbe() {}

    /**
     * @param args optional: how many 200 MB runs (default 3)
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        StreamingBenchmark bench = new StreamingBenchmark();
        bench.child = "fast";
        bench.lineBytes = 1024;
        bench.secrets = 50;
        bench.setUp();
        bench.throughEngine(); // warm up, not sampled

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong peakUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long bytes = 0;
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            bytes += bench.throughEngine();
        }
        long took = System.nanoTime() - started;
        sampler.interrupt();
        sampler.join();

        long liveAfterGc = 0;
        for (MemoryPoolMXBean p : heap) {
            MemoryUsage afterGc = p.getCollectionUsage();
            liveAfterGc += afterGc == null ? 0 : afterGc.getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf("streamed %d MB in %d runs (%.0f MB/s) with max heap %.1f MB%n", bytes / 1_000_000, runs,
                bytes / 1e6 / (took / 1e9), max / 1048576.0);
        System.out.printf("peak heap in use (sampled every 1 ms): %.1f MB%n", peakUsed.get() / 1048576.0);
        System.out.printf("heap in use after the last collection: %.1f MB%n", liveAfterGc / 1048576.0);
    }
}
