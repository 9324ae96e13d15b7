package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one step or builder run hands the engine: the run context built on Jenkins' objects (processes on the build's
 * {@link Launcher}, files through the workspace, outbound calls where the build runs ({@link AgentNetwork}), the log
 * on its {@link TaskListener}, deployment records and the journal on the build's {@link DeploymentAction}, recorded
 * secrets read again from credentials), the run's secrets and how it is stopped.
 *
 * <p>Without a workspace ({@code verifyDeploy} outside {@code node}) there is no machine for files, tools or records:
 * those ports refuse every use, and the outbound calls are made on the controller.
 */
public final class EngineRun {
    /** System property: how long a tool gets to clean up after SIGINT before it is killed (e.g. {@code 30s}). */
    public static final String GRACE_PROPERTY = "io.jenkins.plugins.immutabledeploy.grace";

    /** Watches freestyle executors for an abort; one thread for all builds. */
    private static final ScheduledExecutorService WATCHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "immutable-deploy: abort watcher");
        t.setDaemon(true);
        return t;
    });

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars environment;
    private final TaskListenerLogSink sink;
    private final Launcher launcher;
    private final LauncherProcessLauncher tools;
    private final RunContext context;
    private final TaskListener listener;
    private volatile ScheduledFuture<?> watch;

    /**
     * @param run the build
     * @param workspace its workspace, where the tools run, or null without a node
     * @param environment its environment
     * @param launcher starts the tools where the build runs, or null without a node
     * @param listener its log
     */
    public EngineRun(Run<?, ?> run, FilePath workspace, EnvVars environment, Launcher launcher, TaskListener listener) {
        this(run, workspace, environment, launcher, listener, UUID.randomUUID().toString());
    }

    /**
     * @param run the build
     * @param workspace its workspace, where the tools run, or null without a node
     * @param environment its environment
     * @param launcher starts the tools where the build runs, or null without a node
     * @param listener its log
     * @param id the step's id: names the folder of the pid files of the tools it starts, where a step resumed after a
     *     restart finds them
     */
    public EngineRun(Run<?, ?> run, FilePath workspace, EnvVars environment, Launcher launcher, TaskListener listener,
            String id) {
        this.run = run;
        this.workspace = workspace;
        this.environment = environment == null ? new EnvVars() : environment;
        this.launcher = workspace == null ? null : launcher;
        this.tools = this.launcher == null ? null : new LauncherProcessLauncher(launcher, this.environment, workspace, id);
        this.sink = new TaskListenerLogSink(listener);
        RunContext.Builder b = RunContext.builder(sink)
                // The agent writes to the log itself: what this side printed before goes out first.
                .network(new AgentNetwork(workspace, listener, node(), sink::flush))
                .secretSource((variable, source) -> {
                    try {
                        return CredentialsLookup.secretVariable(run, variable, source);
                    } catch (AbortException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                })
                .journal(entry -> DeploymentAction.of(run).add(entry.kind(), entry.page()))
                .toolEnvironment(this.environment)
                .http(JenkinsHttp.client());
        if (workspace == null) {
            String why = Messages.get("EngineRun.noWorkspace");
            b.launcher(refusing(ProcessLauncher.class, why)).files(refusing(HostFiles.class, why))
                    .records(refusing(RecordStore.class, why));
        } else {
            b.launcher(tools).files(new FilePathHostFiles(workspace)).records(new RunRecordStore(run, workspace));
        }
        String grace = System.getProperty(GRACE_PROPERTY);
        if (grace != null && !grace.isBlank()) {
            b.grace(Durations.parse(GRACE_PROPERTY, grace.trim()));
        }
        this.context = b.build();
        this.listener = listener;
    }

    /** A port for a run without a node: every use fails, saying the step needs one. */
    private static <T> T refusing(Class<T> port, String why) {
        return port.cast(Proxy.newProxyInstance(EngineRun.class.getClassLoader(), new Class<?>[] {port}, (p, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? "no node" : m.getName().equals("hashCode")
                        ? System.identityHashCode(p) : p == a[0];
            }
            throw new IllegalStateException(why);
        }));
    }

    /** @return the run context the operations get */
    public RunContext context() {
        return context;
    }

    /** @return the name of the build's node, for messages */
    String node() {
        return environment.get("NODE_NAME", "?");
    }

    /**
     * Refuses a Windows node before anything runs, for the steps that run tools: they run them through {@code sh}.
     *
     * @throws AbortException saying the steps need a Linux or macOS agent, naming the node
     */
    public void requireUnix() throws AbortException {
        if (launcher != null) {
            try {
                LauncherProcessLauncher.requireUnix(launcher, node());
            } catch (IOException e) {
                throw new AbortException(e.getMessage());
            }
        }
    }

    /**
     * Stops the run from another thread: the engine is cancelled (a running tool gets SIGINT, its grace period, then
     * the kill; checks and DigitalOcean calls end at once), and the thread doing the work is interrupted unless a tool
     * is running, so that whatever it waits for outside the engine (a credential lookup, a call to a hung agent) ends
     * too. A running tool's thread is left alone: it is busy stopping the tool, which an interrupt would cut short.
     *
     * @param worker the thread running the step's work, or null when it has not started
     */
    void abort(Thread worker) {
        context.cancellation().cancel();
        if (worker != null && (tools == null || !tools.hasRunningTool())) {
            worker.interrupt();
        }
    }

    /**
     * A freestyle abort interrupts the executor's thread, which a blocking call does not always notice (an HTTP call
     * waiting for an answer): until {@link #close()}, an interrupt of that thread also cancels the engine.
     *
     * @param executor the thread running the build step
     */
    void cancelWhenInterrupted(Thread executor) {
        watch = WATCHER.scheduleWithFixedDelay(() -> {
            if (executor.isInterrupted()) {
                cancel();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * After a controller restart: stops the tools the step had started that still run on its machine (SIGINT, the
     * grace period, then a kill, as a cancel does), found through their pid files.
     *
     * @return how many were still running
     * @throws IOException when the machine cannot be reached
     * @throws InterruptedException when interrupted while waiting for them
     */
    int stopLeftoverTools() throws IOException, InterruptedException {
        return tools == null ? 0 : tools.stopLeftovers(context.runner().grace(), listener.getLogger());
    }

    /** @return whether the run was cancelled (aborted) */
    boolean cancelled() {
        return context.cancellation().isCancelled();
    }

    /** Ends what the run set up to be stopped; called when the step or build step ends. */
    public void close() {
        ScheduledFuture<?> w = watch;
        if (w != null) {
            w.cancel(false);
        }
        sink.close();
    }

    /** @return the build */
    public Run<?, ?> run() {
        return run;
    }

    /** @return the workspace, or null without a node */
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
