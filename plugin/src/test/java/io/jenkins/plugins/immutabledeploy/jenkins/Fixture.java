package io.jenkins.plugins.immutabledeploy.jenkins;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.EnvVars;
import hudson.FilePath;

import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One build in a temporary workspace, with a local launcher, a log in memory and the environment a
 * Pipeline would pass: what every step and builder test starts from.
 */
final class Fixture {
    /** The Packer stand-in tests abort: it traps SIGINT, cleans up and exits 130. */
    static final String TRAPPING_PACKER = "/fake/trapping/packer";
    /** The engine's fake Packer, replaying recorded DigitalOcean output (from the engine's test jar). */
    static final String REPLAYING_PACKER = "/packer/fake/packer";

    final Path dir;
    final TestBuild.TestJob job = new TestBuild.TestJob("app");
    final TestBuild build;
    final Log log = new Log();
    FilePath workspace;
    final EnvVars env = new EnvVars();
    final Launcher launcher = new Launcher.LocalLauncher(log);
    /** The channel of {@link #onAgent()}: runs callables through serialization, as remoting does. */
    final LoopbackChannel channel = new LoopbackChannel();

    Fixture(Path tmp) {
        TestCredentials.clear();
        System.setProperty(EngineRun.GRACE_PROPERTY, "10s");
        this.dir = tmp.resolve("app");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.workspace = new FilePath(dir.toFile());
        this.build = job.newBuild();
        env.put("PATH", System.getenv("PATH"));
        env.put(ToolLocator.TOOLS_ENV, TestTools.toolsDir().toString());
        // This machine may point TF_CLI_CONFIG_FILE at a missing file; an empty one keeps OpenTofu's log clean.
        try {
            Path rc = Files.writeString(tmp.resolve("tofurc"), "");
            env.put("TF_CLI_CONFIG_FILE", rc.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the engine's OpenTofu test configuration (terraform_data resources standing in for a droplet, its
     * DNS record and a worker; a sensitive {@code database_url} output) into {@code terraform/} of the workspace.
     */
    void tofuProject() {
        for (String f : List.of("main.tf", "release.txt")) {
            copy("/io/jenkins/plugins/immutabledeploy/engine/terraform/webapp/" + f, "terraform/" + f);
        }
    }

    /**
     * Makes the workspace a path on an agent: it says it is remote, as a FilePath reached through a channel
     * does, while its files stay on this disk. Code that still asked {@code isRemote()} before touching files
     * takes the agent's path.
     */
    Fixture onAgent() {
        workspace = new FilePath(channel, dir.toString());
        env.put("NODE_NAME", "agent-1");
        return this;
    }

    EngineRun engine() {
        return new EngineRun(build, workspace, env, launcher, log);
    }

    TestStepContext context() {
        return new TestStepContext().with(Run.class, build).with(TaskListener.class, log).with(FilePath.class, workspace)
                .with(Launcher.class, launcher).with(EnvVars.class, env);
    }

    /**
     * Runs a builder on an executor thread and interrupts that thread once the builder is under way, as Jenkins
     * does when a user aborts a freestyle build.
     *
     * @param builder the builder
     * @param underWay returns when the builder's work has started
     * @return what {@code perform} threw, or null
     */
    Throwable performAndAbort(EngineBuilder builder, Callable<?> underWay) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread executor = new Thread(() -> {
            try {
                builder.perform(build, workspace, env, launcher, log);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        executor.start();
        underWay.call();
        executor.interrupt();
        return failure.get(60, TimeUnit.SECONDS);
    }

    /**
     * @param marker where the trapping Packer writes {@code cleaned-up} on SIGINT ({@code <marker>.started} once it runs)
     * @return the trapping Packer's path in the workspace, its marker set in the build's environment
     */
    String trappingPacker(Path marker) {
        env.put("FAKE_PACKER_MARKER", marker.toString());
        return executable(TRAPPING_PACKER);
    }

    /**
     * @param resource a class path resource
     * @param name the file name in the workspace
     * @return the copy's path
     */
    Path copy(String resource, String name) {
        Path target = dir.resolve(name);
        try (InputStream in = Objects.requireNonNull(Fixture.class.getResourceAsStream(resource), resource)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param resource a script on the class path (Maven drops the executable bit when copying resources)
     * @return its executable copy in the workspace
     */
    String executable(String resource) {
        Path p = copy(resource, "bin/" + Path.of(resource).getFileName());
        if (!p.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + p + " executable");
        }
        return p.toString();
    }
}
