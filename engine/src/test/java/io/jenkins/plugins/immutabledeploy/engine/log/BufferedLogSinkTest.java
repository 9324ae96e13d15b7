package io.jenkins.plugins.immutabledeploy.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BufferedLogSinkTest {
    private static final String SECRET = "dop_v1_5ecret0123456789abcdef";
    private static final Duration NEVER = Duration.ofHours(1);

    private final List<String> blocks = new CopyOnWriteArrayList<>();
    private final BufferedLogSink.Target target = lines -> blocks.add(lines.toString());

    @Test
    void linesAreHeldUntilAFlushAndThenWrittenAsOneBlockInOrder() {
        BufferedLogSink sink = new BufferedLogSink(target, NEVER, 1024);

        sink.println("one");
        sink.println("two");
        assertThat(blocks).isEmpty();

        sink.flush();
        assertThat(blocks).containsExactly("one\ntwo\n");
        sink.flush();
        assertThat(blocks).hasSize(1);
    }

    @Test
    void aLineIsWrittenWithinTheDelayWithoutAnotherLineOrAFlush() throws InterruptedException {
        BufferedLogSink sink = new BufferedLogSink(target, Duration.ofMillis(20), 1024);

        sink.println("still running: step 3 of 7");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (blocks.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(blocks).containsExactly("still running: step 3 of 7\n");
    }

    @Test
    void closeWritesWhatIsLeftAndLinesAfterItAreWrittenAtOnce() {
        BufferedLogSink sink = new BufferedLogSink(target, NEVER, 1024);
        sink.println("last line of the tool");

        sink.close();
        assertThat(blocks).containsExactly("last line of the tool\n");

        sink.println("Cancelled: interrupting tofu");
        assertThat(blocks).containsExactly("last line of the tool\n", "Cancelled: interrupting tofu\n");
        sink.close();
        assertThat(blocks).hasSize(2);
    }

    @Test
    void aFullBlockIsWrittenAtOnceAndALineLongerThanABlockIsWrittenWholeOnItsOwn() {
        BufferedLogSink sink = new BufferedLogSink(target, NEVER, 16);

        sink.println("0123456");
        sink.println("abcdefg");
        sink.println("x");
        String longLine = "L".repeat(40);
        sink.println(longLine);
        sink.close();

        assertThat(blocks).containsExactly("0123456\nabcdefg\n", "x\n", longLine + "\n");
    }

    /**
     * A secret never reaches the target, not even in part, wherever the blocks end: lines are masked
     * whole before they are buffered, and a block is cut only between lines, whether it is written
     * because it is full or because the timer went off while another thread was printing.
     */
    @Test
    void secretsStayMaskedAndLinesWholeAcrossEveryFlushBoundary() throws Exception {
        SecretMasker secrets = new SecretMasker().add(SECRET);
        BufferedLogSink sink = new BufferedLogSink(target, Duration.ofMillis(1), 97);
        BuildLog log = new BuildLog(sink, secrets);
        Random random = new Random(20261130L);
        List<String> expected = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // The secret sits at every offset of lines of every length around the block size.
            String pad = "p".repeat(random.nextInt(120));
            String line = i + ":" + pad.substring(0, random.nextInt(pad.length() + 1)) + SECRET + pad;
            lines.add(line);
            expected.add(line.replace(SECRET, SecretMasker.MASK));
        }
        Thread second = new Thread(() -> lines.subList(2_500, 5_000).forEach(log::info));
        second.start();
        for (String line : lines.subList(0, 2_500)) {
            log.info(line);
            if (line.length() % 7 == 0) {
                Thread.sleep(0, 200_000);
            }
        }
        second.join();
        sink.close();

        assertThat(blocks).allSatisfy(b -> assertThat(b).endsWith("\n").doesNotContain(SECRET.substring(0, 8))
                .doesNotContain(SECRET.substring(SECRET.length() - 8)));
        List<String> written = String.join("", blocks).lines().toList();
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        // each thread's lines keep their order
        assertThat(written.stream().filter(l -> Integer.parseInt(l.substring(0, l.indexOf(':'))) < 2_500))
                .containsExactlyElementsOf(expected.subList(0, 2_500));
    }

    @Test
    void aTargetThatFailsDoesNotFailThePrinterAndTheNextBlockIsTriedAgain() {
        List<String> written = new ArrayList<>();
        boolean[] fail = {true};
        BufferedLogSink sink = new BufferedLogSink(lines -> {
            if (fail[0]) {
                throw new IOException("Broken pipe");
            }
            written.add(lines.toString());
        }, NEVER, 1024);

        sink.println("lost with the broken pipe");
        sink.flush();
        fail[0] = false;
        sink.println("written");
        sink.close();

        assertThat(written).containsExactly("written\n");
    }

    @Test
    void theStreamTargetEncodesEachBlockAndWritesItInOneCall() throws IOException {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                super.write(b, off, len);
            }
        };
        BufferedLogSink sink = new BufferedLogSink(BufferedLogSink.Target.of(bytes, StandardCharsets.UTF_8), NEVER, 1024);

        sink.println("grüße");
        sink.println("€ 5");
        sink.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("grüße\n€ 5\n");
        assertThat(writes).hasSize(1);
    }
}
