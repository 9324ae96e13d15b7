package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step or builder run hands the engine: the ports built on Jenkins' objects (processes on the
 * build's {@link Launcher}, the log on its {@link TaskListener}), the run's secret masker and its
 * cancel signal.
 */
public final class EngineRun {
    /** System property: how long a tool gets to clean up after SIGINT before it is killed (e.g. {@code 30s}). */
    public static final String GRACE_PROPERTY = "io.jenkins.plugins.immutabledeploy.grace";

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final SecretMasker secrets = new SecretMasker();
    private final TaskListenerLogSink sink;
    private final BuildLog log;
    private final ProcessRunner runner;
    private final Cancellation cancellation = new Cancellation();
    private final List<Path> localCopies = new ArrayList<>();

    /**
     * @param run the build
     * @param workspace its workspace, where the tools run
     * @param environment its environment
     * @param launcher starts the tools where the build runs
     * @param listener its log
     */
    public EngineRun(Run<?, ?> run, FilePath workspace, EnvVars environment, Launcher launcher, TaskListener listener) {
        this.run = run;
        this.workspace = workspace;
        this.environment = environment;
        this.sink = new TaskListenerLogSink(listener);
        this.log = new BuildLog(sink, secrets);
        this.runner = new ProcessRunner(new LauncherProcessLauncher(launcher, environment, workspace), log, grace());
    }

    private static Duration grace() {
        String g = System.getProperty(GRACE_PROPERTY);
        return g == null || g.isBlank() ? ProcessRunner.DEFAULT_GRACE : Durations.parse(GRACE_PROPERTY, g.trim());
    }

    /** @return the files of the machine the build runs on (the controller or an agent), through the workspace */
    public HostFiles hostFiles() {
        return new FilePathHostFiles(workspace);
    }

    /**
     * A file of the workspace as a path this JVM can read: the file itself when the workspace is on this node,
     * else a copy fetched from the agent, deleted by {@link #close()}. For what the controller itself opens, such
     * as the CA file of the health checks (they run from the controller).
     *
     * @param relativeOrAbsolute a path in the workspace
     * @return a local path to read
     * @throws IOException when the file cannot be fetched
     * @throws InterruptedException when interrupted while fetching it
     */
    public Path localCopy(String relativeOrAbsolute) throws IOException, InterruptedException {
        FilePath file = workspace.child(relativeOrAbsolute);
        if (!workspace.isRemote()) {
            return Path.of(file.getRemote());
        }
        Path copy = Files.createTempFile("immutable-deploy-", "-" + file.getName());
        localCopies.add(copy);
        try (InputStream in = file.read()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /**
     * Deletes the local copies this run fetched and writes the log lines still buffered; called when the
     * step or build step ends, before its outcome is printed.
     */
    public void close() {
        for (Path p : localCopies) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("Could not delete the temporary copy " + p + ": " + e.getMessage());
            }
        }
        localCopies.clear();
        sink.close();
    }

    /** @return the build */
    public Run<?, ?> run() {
        return run;
    }

    /** @return the workspace */
    public FilePath workspace() {
        return workspace;
    }

    /** @return the build's environment */
    public EnvVars environment() {
        return environment;
    }

    /** @return the masker every secret of this run is registered with */
    public SecretMasker secrets() {
        return secrets;
    }

    /** @return the masked build log */
    public BuildLog log() {
        return log;
    }

    /** @return runs tools through the build's launcher */
    public ProcessRunner runner() {
        return runner;
    }

    /** @return cancelled when the user aborts the build */
    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * The tool to run: the path the user gave, else the one in the folder named by
     * {@code IMMUTABLE_DEPLOY_TOOLS} in the build's environment, else the name, found on the agent's PATH.
     * Nothing is looked up on the controller's file system.
     *
     * @param explicit the path from the step's field, or null
     * @param name the tool name
     * @return the executable to start
     */
    public String tool(String explicit, String name) {
        if (Fields.trimToNull(explicit) != null) {
            return explicit.trim();
        }
        String dir = Fields.trimToNull(environment.get(ToolLocator.TOOLS_ENV));
        return dir == null ? name : dir + "/" + name;
    }

    /**
     * A DigitalOcean API client that reports its retries and waits to this run's log.
     *
     * @param token the API token, already registered with {@link #secrets()}
     * @param credentialsId the credential it came from, named if DigitalOcean rejects it
     * @param apiUrl the API base URL (a proxy), or null for the public API
     * @return the client
     */
    public DigitalOceanClient digitalOcean(String token, String credentialsId, String apiUrl) {
        String url = Fields.trimToNull(apiUrl);
        return DigitalOceanClient.builder().baseUrl(url == null ? DigitalOceanClient.DEFAULT_BASE_URL : url)
                .token(token, credentialsId).log(log).build();
    }

    /**
     * @param result an engine result map
     * @return a masked copy, safe to return to the Pipeline or store on the build
     */
    @SuppressWarnings("unchecked")
    public LinkedHashMap<String, Object> masked(Map<String, Object> result) {
        return new LinkedHashMap<>((Map<String, Object>) secrets.maskDeep(result));
    }
}
