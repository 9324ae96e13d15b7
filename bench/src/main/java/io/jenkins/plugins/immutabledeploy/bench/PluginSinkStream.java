package io.jenkins.plugins.immutabledeploy.bench;

import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerBaker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.jenkins.TaskListenerLogSink;
import java.io.FileOutputStream;
import java.lang.reflect.Method;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bake through the plugin's log path: the engine's {@link PackerBaker} with its log on the
 * plugin's {@link TaskListenerLogSink}, over a {@link TaskListener} built the way a Pipeline step's
 * is (a {@code PrintStream} without autoflush, UTF-8, straight onto an unbuffered file stream:
 * workflow-api's {@code FileLogStorage} under core's {@code StreamTaskListener}). The log file is
 * the first argument ({@code /dev/null} in scripts/bench.sh). Only the process port differs from a
 * build: Jenkins' {@code Launcher} cannot run outside Jenkins, so the local one is used.
 *
 * <p>{@code java -cp … PluginSinkStream LOG PACKER TEMPLATE}; uses only API that the measured
 * "before" revision has too, so scripts/bench.sh compiles this file against both builds.
 */
public final class PluginSinkStream {
    private PluginSinkStream() {}

    /**
     * @param args the log file, the packer executable, the template
     */
    public static void main(String[] args) throws Exception {
        OutputStream file = new FileOutputStream(args[0]);
        PrintStream logger = new PrintStream(file, false, StandardCharsets.UTF_8);
        TaskListener listener = () -> logger;
        TaskListenerLogSink sink = new TaskListenerLogSink(listener);
        // The two secrets of the CLI's run (scripts/bench.sh exports them), so every line is masked.
        BuildLog log = new BuildLog(sink, new SecretMasker(List.of(System.getenv("BENCH_DB_PASSWORD"),
                System.getenv("BENCH_TOKEN"))));
        ProcessRunner runner = new ProcessRunner(new LocalProcessLauncher(), log);
        BakeRequest.Builder request = BakeRequest.builder(args[2]);
        // The tool's setter is packer(...) in the "before" revision and executable(...) since requests share one
        // vocabulary; found by name so this file compiles against both.
        for (Method m : request.getClass().getMethods()) {
            if ((m.getName().equals("packer") || m.getName().equals("executable")) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == String.class) {
                m.invoke(request, args[1]);
                break;
            }
        }
        BakeResult r = new PackerBaker().bake(request.build(), runner, Cancellation.none());
        // The step's end: the plugin closes what it opened (a sink that buffers is flushed there).
        Object s = sink;
        if (s instanceof AutoCloseable c) {
            c.close();
        }
        logger.flush();
        System.out.println(r.artifactId());
        System.exit(0);
    }
}
