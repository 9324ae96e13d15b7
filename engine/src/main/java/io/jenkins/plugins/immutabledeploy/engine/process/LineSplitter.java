package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An output stream that cuts the bytes written to it into UTF-8 lines and hands each complete line
 * to a {@link LineHandler} as soon as its newline arrives. A secret split across two writes is
 * therefore seen whole. Memory stays bounded: a line longer than {@link #MAX_LINE_BYTES} is handed
 * on in pieces of that size. A handler that throws on one line still gets the lines after it; the
 * first failure is kept for {@link #failure()}.
 */
public final class LineSplitter extends OutputStream {
    /** The longest line kept whole: 16 MiB (Terraform's {@code show -json} prints one long line). */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private final LineHandler handler;
    private byte[] buf = new byte[8192];
    private int len;
    private boolean closed;
    private RuntimeException failure;
    private int failedLines;

    /**
     * @param handler receives each line
     */
    public LineSplitter(LineHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
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
            emit(buf, 0, len);
            len = 0;
            off += room;
            n -= room;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(MAX_LINE_BYTES, Math.max(buf.length * 2, len + n)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void emit(byte[] b, int off, int n) {
        if (n > 0 && b[off + n - 1] == '\r') {
            n--;
        }
        try {
            handler.line(new String(b, off, n, StandardCharsets.UTF_8));
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
