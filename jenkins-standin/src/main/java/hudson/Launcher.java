package hudson;

import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stand-in: starts processes for a build. {@link LocalLauncher} starts them on this machine. */
public abstract class Launcher {
    protected final TaskListener listener;

    Launcher(TaskListener listener) {
        this.listener = listener;
    }

    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(ProcStarter starter) throws IOException;

    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    public TaskListener getListener() {
        return listener;
    }

    /** Stand-in: the settings of one process to start. */
    public final class ProcStarter {
        private final List<String> commands = new ArrayList<>();
        private final List<String> envs = new ArrayList<>();
        private FilePath pwd;
        private OutputStream stdout;
        private OutputStream stderr;
        private boolean quiet;

        ProcStarter() {}

        public ProcStarter cmds(String... args) {
            return cmds(List.of(args));
        }

        public ProcStarter cmds(List<String> args) {
            commands.clear();
            commands.addAll(args);
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter pwd(FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        public ProcStarter pwd(String workDir) {
            return pwd(new FilePath(new File(workDir)));
        }

        public FilePath pwd() {
            return pwd;
        }

        public ProcStarter stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        public OutputStream stdout() {
            return stdout;
        }

        public ProcStarter stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        public OutputStream stderr() {
            return stderr;
        }

        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter envs(Map<String, String> overrides) {
            overrides.forEach((k, v) -> envs.add(k + "=" + v));
            return this;
        }

        public String[] envs() {
            return envs.toArray(new String[0]);
        }

        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    /** Stand-in: starts processes on this machine with {@link ProcessBuilder}. */
    public static class LocalLauncher extends Launcher {
        public LocalLauncher(TaskListener listener) {
            super(listener);
        }

        @Override
        public Proc launch(ProcStarter ps) throws IOException {
            if (!ps.quiet()) {
                listener.getLogger().println("$ " + String.join(" ", ps.cmds()));
            }
            ProcessBuilder pb = new ProcessBuilder(ps.cmds());
            for (String kv : ps.envs()) {
                int eq = kv.indexOf('=');
                pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            if (ps.pwd() != null) {
                pb.directory(new File(ps.pwd().getRemote()));
            }
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            OutputStream out = ps.stdout() != null ? ps.stdout() : listener.getLogger();
            OutputStream err = ps.stderr() != null ? ps.stderr() : out;
            return new Proc.LocalProc(pb.start(), out, err);
        }
    }
}
