package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in: a process started by a {@link Launcher}. Like upstream it exposes no pid. */
public abstract class Proc {
    Proc() {}

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    /** Stand-in: a process on this machine whose output is copied by two threads. */
    public static final class LocalProc extends Proc {
        private final Process process;
        private final Thread out;
        private final Thread err;

        LocalProc(Process process, OutputStream stdout, OutputStream stderr) {
            this.process = process;
            this.out = copy(process.getInputStream(), stdout);
            this.err = copy(process.getErrorStream(), stderr);
        }

        private static Thread copy(InputStream in, OutputStream to) {
            Thread t = new Thread(() -> {
                try (in) {
                    in.transferTo(to);
                    to.flush();
                } catch (IOException e) {
                    // the process is gone; nothing more to copy
                }
            }, "stand-in proc output copier");
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() throws IOException, InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            join();
        }

        @Override
        public int join() throws IOException, InterruptedException {
            int code = process.waitFor();
            out.join();
            err.join();
            return code;
        }
    }
}
