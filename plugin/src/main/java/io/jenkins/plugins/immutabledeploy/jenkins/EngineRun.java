package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step or builder run hands the engine: the run context built on Jenkins' objects (processes on the build's
 * {@link Launcher}, files through the workspace, the log on its {@link TaskListener}, deployment records and the
 * journal on the build's {@link DeploymentAction}, recorded secrets read again from credentials), the run's secrets
 * and its cancel signal.
 */
public final class EngineRun {
    /** System property: how long a tool gets to clean up after SIGINT before it is killed (e.g. {@code 30s}). */
    public static final String GRACE_PROPERTY = "io.jenkins.plugins.immutabledeploy.grace";

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final TaskListenerLogSink sink;
    private final RunContext context;
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
        RunContext.Builder b = RunContext.builder(sink)
                .launcher(new LauncherProcessLauncher(launcher, environment, workspace))
                .files(new FilePathHostFiles(workspace))
                .records(new RunRecordStore(run, workspace))
                .secretSource((variable, source) -> {
                    try {
                        return CredentialsLookup.secretVariable(run, variable, source);
                    } catch (AbortException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                })
                .journal(entry -> DeploymentAction.of(run).add(entry.kind(), entry.page()))
                .toolEnvironment(environment)
                .http(JenkinsHttp.client());
        String grace = System.getProperty(GRACE_PROPERTY);
        if (grace != null && !grace.isBlank()) {
            b.grace(Durations.parse(GRACE_PROPERTY, grace.trim()));
        }
        this.context = b.build();
    }

    /** @return the run context the operations get */
    public RunContext context() {
        return context;
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

    /** Deletes the local copies this run fetched; called when the step or build step ends. */
    public void close() {
        for (Path p : localCopies) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                info("WARNING: Could not delete the temporary copy " + p + ": " + e.getMessage());
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

    /**
     * Reads a Secret text credential and registers its value as a secret of this run.
     *
     * @param field the field that names it, for messages
     * @param id the credential id, or null
     * @return the value, or null without an id
     * @throws AbortException when the credential is missing or of another type
     */
    public String secretText(String field, String id) throws AbortException {
        if (id == null) {
            return null;
        }
        String value = CredentialsLookup.secretText(run, field, id);
        context.secrets().add(value);
        return value;
    }

    /**
     * Reads the credentials of a {@code secrets} list and registers their values as secrets of this run.
     *
     * @param bindings the list
     * @param sources receives variable name to where it came from ({@code credentials:<id>})
     * @return variable name to value, in list order
     * @throws AbortException when a credential is missing, of another type, or an entry is incomplete
     */
    public Map<String, String> secrets(List<SecretBinding> bindings, Map<String, String> sources) throws AbortException {
        Map<String, String> values = CredentialsLookup.secrets(run, bindings, sources);
        context.secrets().addAll(values.values());
        return values;
    }

    /** @param values more secrets of this run, masked wherever they show */
    public void addSecrets(Collection<String> values) {
        context.secrets().addAll(values);
    }

    /**
     * @param text any text
     * @return the text with this run's secrets masked
     */
    public String mask(String text) {
        return context.secrets().mask(text);
    }

    /**
     * @param result a result's map
     * @return a masked copy, safe to return to the Pipeline or store on the build
     */
    public LinkedHashMap<String, Object> masked(Map<String, Object> result) {
        return context.masked(result);
    }

    /** @param line a line for the build log, masked */
    public void info(String line) {
        context.log().info(line);
    }

    /** Cancels the engine's work: the running tool is interrupted and given its grace period. */
    public void cancel() {
        context.cancellation().cancel();
    }
}
