package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that cuts the bytes written to it into UTF-8 lines and hands each complete line
 * to a {@link LineHandler} as soon as its newline arrives. A secret split across two writes is
 * therefore seen whole. Memory stays bounded: a line longer than {@link #MAX_LINE_BYTES} is handed
 * on in pieces of at most that size, cut between characters and, when the run's secrets are known,
 * never inside or just before a secret (each piece is masked on its own). A handler that throws on
 * one line still gets the lines after it; the first failure is kept for {@link #failure()}.
 */
public final class LineSplitter extends OutputStream {
    /** The longest line kept whole: 16 MiB (Terraform's {@code show -json} prints one long line). */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final LineHandler handler;
    private final SecretMasker secrets;
    private byte[] buf = new byte[8192];
    private int len;
    private boolean closed;
    private RuntimeException failure;
    private int failedLines;

    /**
     * @param handler receives each line
     */
    public LineSplitter(LineHandler handler) {
        this(handler, new SecretMasker());
    }

    /**
     * @param handler receives each line
     * @param secrets the run's secrets: a line too long to be handed on whole is not cut where a piece
     *     would show part of one
     */
    public LineSplitter(LineHandler handler, SecretMasker secrets) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int n) {
        Objects.checkFromIndexSize(off, n, b.length);
        int end = off + n;
        int start = off;
        for (int i = indexOfNewline(b, start, end); i >= 0; i = indexOfNewline(b, start, end)) {
            if (len == 0) {
                emit(b, start, i - start);
            } else {
                append(b, start, i - start);
                emit(buf, 0, len);
                len = 0;
            }
            start = i + 1;
        }
        if (start < end) {
            append(b, start, end - start);
        }
    }

    /**
     * Finds the next newline eight bytes at a time: the whole output of every tool passes through
     * here, so a byte-by-byte loop would be a noticeable share of the engine's CPU time.
     */
    static int indexOfNewline(byte[] b, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long v = (long) LONGS.get(b, i) ^ NEWLINES;
            // A byte of v is zero where b has a newline; this sets the top bit of the first one
            // (higher bytes may be set spuriously, lower ones never are).
            long zeros = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] b, int off, int n) {
        while (len + n > MAX_LINE_BYTES) {
            int room = MAX_LINE_BYTES - len;
            append(b, off, room);
            emitPiece();
            off += room;
            n -= room;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, Math.max(buf.length * 2, len + n)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /**
     * Hands on the first part of a full buffer that holds no newline, and keeps the rest for the next
     * piece: the cut falls between characters, and where {@link SecretMasker#safeCut} says, so that no
     * piece holds part of a secret (a secret cut in two would be masked in neither piece).
     */
    private void emitPiece() {
        int end = len;
        // not inside a multi-byte character: its first bytes go with the next piece
        for (int back = 1; back <= 3 && back <= len; back++) {
            int lead = buf[len - back] & 0xFF;
            if (lead < 0x80) {
                break;
            }
            if (lead >= 0xC0) {
                int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                if (size > back) {
                    end = len - back;
                }
                break;
            }
        }
        String text = new String(buf, 0, end, StandardCharsets.UTF_8);
        int chars = secrets.safeCut(text);
        if (chars == 0) {
            chars = text.length(); // nowhere safe (a line of nothing but secrets): as it comes
        }
        if (chars < text.length() && Character.isHighSurrogate(text.charAt(chars - 1))) {
            chars--;
        }
        int used = end;
        String piece = text;
        if (chars < text.length()) {
            // Decoded again up to the cut, to learn exactly how many bytes that part took.
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            ByteBuffer in = ByteBuffer.wrap(buf, 0, end);
            CharBuffer out = CharBuffer.allocate(chars);
            decoder.decode(in, out, false);
            used = in.position();
            piece = out.flip().toString();
        }
        handle(piece);
        System.arraycopy(buf, used, buf, 0, len - used);
        len -= used;
    }

    private void emit(byte[] b, int off, int n) {
        if (n > 0 && b[off + n - 1] == '\r') {
            n--;
        }
        handle(new String(b, off, n, StandardCharsets.UTF_8));
    }

    private void handle(String line) {
        try {
            handler.line(line);
        } catch (RuntimeException e) {
            // One line a parser cannot take must not cost the progress, the artifact or the error
            // lines after it; the caller reports the failure once the tool has ended.
            if (failure == null) {
                failure = e;
            }
            failedLines++;
        }
    }

    /** @return the first exception the handler threw, or null when every line was handled */
    public synchronized RuntimeException failure() {
        return failure;
    }

    /** @return how many lines the handler threw on */
    public synchronized int failedLines() {
        return failedLines;
    }

    /** Hands on a last line that had no newline. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (len > 0) {
                emit(buf, 0, len);
                len = 0;
            }
        }
    }
}
