package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The standard output of a process read as one stream by a parser, as it arrives: an output
 * stream for {@link ProcessRunner#run(ProcessRequest, OutputStream, LineHandler, Cancellation,
 * java.time.Duration)} whose bytes a {@link Reader} reads on a thread of its own. Memory stays
 * bounded whatever the size of the output (a few blocks wait at most), so a document far larger
 * than any line is kept whole, such as the {@code show -json} of a big plan, can be parsed.
 *
 * <p>Writing never fails and never blocks for longer than the reader takes for a few blocks: once
 * the reader has finished, early or with an error, the rest of the output is drained and dropped,
 * so the process never waits on a full pipe.
 *
 * @param <T> what the reader makes of the stream
 */
public final class StreamReader<T> extends OutputStream {
    private static final int QUEUED_BLOCKS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(QUEUED_BLOCKS);
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean readerDone;
    // written by the reader's thread before it ends, read after joining it
    private T result;
    private Exception failure;

    /**
     * Reads a stream.
     *
     * @param <T> what it makes of it
     */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param in the bytes, ending where the process's output ends
         * @return what was read
         * @throws IOException when the stream cannot be read as expected
         */
        T read(InputStream in) throws IOException;
    }

    /**
     * Starts the reader's thread.
     *
     * @param reader reads the stream
     * @param name names the thread, e.g. {@code "tofu show -json"}
     */
    public StreamReader(Reader<T> reader, String name) {
        Objects.requireNonNull(reader, "reader");
        thread = new Thread(() -> {
            try (InputStream in = new Blocks()) {
                result = reader.read(in);
            } catch (Exception | StackOverflowError e) {
                failure = e instanceof Exception x ? x : new IOException("the output is nested too deeply", e);
            } finally {
                readerDone = true;
                blocks.clear(); // frees a writer waiting for room; what follows is dropped
            }
        }, "read " + name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
            offer(Arrays.copyOfRange(b, off, off + len));
        }
    }

    /** Ends the stream: the reader sees its end once it has read what came before. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            offer(END);
        }
    }

    private void offer(byte[] block) {
        try {
            while (!readerDone) {
                if (blocks.offer(block, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the reader to finish (after {@link #close()}) and returns what it read.
     *
     * @return the reader's result
     * @throws IOException what the reader threw, or when it was interrupted
     */
    public T result() throws IOException {
        close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the output");
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
        return result;
    }

    /** The blocks as an input stream, on the reader's thread. */
    private final class Blocks extends InputStream {
        private byte[] current = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = blocks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the output");
                }
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
