package io.jenkins.plugins.immutabledeploy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    private void write(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        splitter.write(b, 0, b.length);
    }

    @Test
    void eachCompleteLineIsHandedOnAsSoonAsItsNewlineArrives() {
        write("one\ntw");
        assertThat(lines).containsExactly("one");
        write("o\nthree\n");
        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void crLfEndingsLoseTheirCarriageReturn() {
        write("a\r\nb\r\n\r\n");

        assertThat(lines).containsExactly("a", "b", "");
    }

    @Test
    void aCrLfSplitBetweenTwoWritesIsStillOneLineEnding() {
        write("a\r");
        write("\nb\n");

        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void aLastLineWithoutNewlineIsHandedOnAtCloseAndCloseTwiceIsHarmless() {
        write("a\nno newline");
        assertThat(lines).containsExactly("a");

        splitter.close();
        splitter.close();

        assertThat(lines).containsExactly("a", "no newline");
    }

    @Test
    void emptyLinesAreKept() {
        write("\n\nx\n");

        assertThat(lines).containsExactly("", "", "x");
    }

    @Test
    void aMultiByteCharacterSplitAcrossWritesIsDecodedWhole() {
        byte[] b = "grüße €\n".getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            splitter.write(x);
        }

        assertThat(lines).containsExactly("grüße €");
    }

    @Test
    void aLongLineArrivingInSmallPiecesIsKeptWhole() {
        String longLine = "x".repeat(1_000_000);
        for (int i = 0; i < longLine.length(); i += 4096) {
            write(longLine.substring(i, Math.min(longLine.length(), i + 4096)));
        }
        write("\n");

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo(longLine);
    }

    @Test
    void aLineLongerThanTheLimitIsHandedOnInPiecesSoMemoryStaysBounded() {
        int max = LineSplitter.MAX_LINE_BYTES;
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'y');
        for (int written = 0; written < max + 10; written += chunk.length) {
            splitter.write(chunk, 0, Math.min(chunk.length, max + 10 - written));
        }
        write("\n");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(max);
        assertThat(lines.get(1)).isEqualTo("y".repeat(10));
    }
    @Test
    void newlinesAreFoundAtEveryOffsetNextToEveryOtherByteValue() {
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(6) == 0 ? (byte) '\n' : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int end = from + (b.length == from ? 0 : r.nextInt(b.length - from + 1));
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(LineSplitter.indexOfNewline(b, from, end)).as("round %d", round).isEqualTo(expected);
        }
    }

    /** As the process launcher writes: in blocks of 64 KiB. */
    private static void writeInBlocks(LineSplitter split, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < b.length; off += 65536) {
            split.write(b, off, Math.min(65536, b.length - off));
        }
    }

    @Test
    void anOverlongLineIsCutBetweenCharactersNeverInsideOne() {
        String first = "x".repeat(LineSplitter.MAX_LINE_BYTES - 1);
        writeInBlocks(splitter, first + "€uro\n");

        // compared by hand: a failure must not print 16 MiB
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).equals(first)).as("the first piece is the x's, without a broken €").isTrue();
        assertThat(lines.get(1)).isEqualTo("€uro");
    }

    @Test
    void anOverlongLineIsCutBeforeASecretThatWouldOtherwiseBeCutInTwo() {
        String secret = "tok-0123456789abcdef";
        SecretMasker secrets = new SecretMasker().add(secret);
        List<String> masked = new ArrayList<>();
        LineSplitter split = new LineSplitter(l -> masked.add(secrets.mask(l)), secrets);
        String ys = "y".repeat(LineSplitter.MAX_LINE_BYTES - 8); // the cut would fall after "tok-0123"

        writeInBlocks(split, ys + secret + "z".repeat(100) + "\n");

        assertThat(masked).hasSize(2);
        assertThat(masked.get(0).chars().allMatch(c -> c == 'y')).as("the first piece holds no part of the secret").isTrue();
        assertThat(masked.get(1)).endsWith("****" + "z".repeat(100)).matches("y*\\*\\*\\*\\*z+");
        assertThat(String.join("", masked).equals(ys + "****" + "z".repeat(100))).as("nothing lost or repeated").isTrue();
    }
}
