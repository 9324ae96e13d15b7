package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts processes on this machine with {@link ProcessBuilder}: the process port of the CLI and
 * the tests. On Unix each child gets a session and process group of its own ({@code setsid}), so
 * SIGINT reaches the tool and every plugin it started, as Ctrl-C in a terminal does, and a kill
 * leaves no orphan behind.
 */
public final class LocalProcessLauncher implements ProcessLauncher {
    private static final String SETSID = findOnPath("setsid", System.getenv("PATH"));
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final int BUFFER = 64 * 1024;
    private static final int CHUNKS = 16;

    /** Creates the launcher. */
    public LocalProcessLauncher() {}

    @Override
    public ProcessLauncher.Running start(ProcessRequest request, OutputStream stdout, OutputStream stderr)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(request.environment());
        String exe = resolve(request.executable(), env.get("PATH"));
        List<String> cmd = new ArrayList<>();
        boolean ownGroup = SETSID != null;
        if (ownGroup) {
            cmd.add(SETSID);
        }
        cmd.add(exe);
        cmd.addAll(request.command().subList(1, request.command().size()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(request.environment());
        if (request.workingDirectory() != null) {
            File dir = new File(request.workingDirectory());
            if (!dir.isDirectory()) {
                throw new IOException("the working directory " + dir + " does not exist");
            }
            pb.directory(dir);
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String name = ProcessRunner.toolName(exe) + " (pid " + p.pid() + ")";
        Thread out = pump(p.getInputStream(), stdout, "stdout of " + name);
        Thread err = pump(p.getErrorStream(), stderr, "stderr of " + name);
        return new Local(p, out, err, ownGroup);
    }

    /**
     * Copies a child's output stream to {@code out} on two threads joined by a bounded queue of
     * buffers: one only reads, so the child never waits on a full pipe while a burst of its lines
     * is split and masked; the other hands the bytes on. At most {@value #CHUNKS} buffers of
     * {@value #BUFFER} bytes are held, so memory stays constant whatever the output size.
     *
     * @return the thread that hands the bytes on; it ends after the last byte was handed on
     */
    private static Thread pump(InputStream in, OutputStream out, String name) {
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
        Thread reader = new Thread(() -> {
            int allocated = 0;
            try (in) {
                while (true) {
                    byte[] buf = free.poll();
                    if (buf == null) {
                        buf = allocated < CHUNKS ? new byte[BUFFER] : free.take();
                        allocated++;
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    // Take what is already waiting in the pipe too (a read that cannot block), so
                    // the queue holds full buffers rather than the pipe's small writes and the
                    // child keeps room to write; nothing is held back waiting for more output.
                    int more;
                    while (n < buf.length && in.available() > 0 && (more = in.read(buf, n, buf.length - n)) > 0) {
                        n += more;
                    }
                    full.put(new Chunk(buf, n));
                }
            } catch (IOException e) {
                // the child is gone or the stream was closed under us: nothing more to read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // Room is always left for the end marker, so this never blocks.
                full.offer(Chunk.END);
            }
        }, "read " + name);
        Thread writer = new Thread(() -> {
            boolean broken = false;
            try {
                for (Chunk c = full.take(); c != Chunk.END; c = full.take()) {
                    if (!broken) {
                        try {
                            out.write(c.bytes(), 0, c.length());
                        } catch (IOException | RuntimeException e) {
                            // Keep draining, or the reader and then the child would block forever.
                            broken = true;
                        }
                    }
                    free.offer(c.bytes());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
        return writer;
    }

    private record Chunk(byte[] bytes, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    private static String resolve(String executable, String path) throws NoSuchFileException {
        if (executable.contains("/")) {
            if (Files.isExecutable(Path.of(executable)) && !Files.isDirectory(Path.of(executable))) {
                return executable;
            }
            throw new NoSuchFileException(executable);
        }
        String found = findOnPath(executable, path);
        if (found == null) {
            throw new NoSuchFileException(executable, null, "not on PATH");
        }
        return found;
    }

    private static String findOnPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static final class Local implements ProcessLauncher.Running {
        private final Process process;
        private final Thread stdout;
        private final Thread stderr;
        private final boolean ownGroup;

        Local(Process process, Thread stdout, Thread stderr, boolean ownGroup) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.ownGroup = ownGroup;
        }

        @Override
        public OptionalInt waitFor(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return OptionalInt.empty();
            }
            // A grandchild that kept the pipes open must not hold us forever.
            long deadline = System.nanoTime() + DRAIN.toNanos();
            stdout.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            stderr.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            return OptionalInt.of(process.exitValue());
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void interrupt() throws IOException {
            if (!process.isAlive()) {
                return;
            }
            if (ownGroup && signal("INT", "-" + process.pid())) {
                return;
            }
            signal("INT", Long.toString(process.pid()));
            for (ProcessHandle h : process.descendants().toList()) {
                signal("INT", Long.toString(h.pid()));
            }
        }

        @Override
        public void kill() throws IOException {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (ownGroup) {
                signal("KILL", "-" + process.pid());
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        private static boolean signal(String signal, String target) throws IOException {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", target)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                return kill.waitFor() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
