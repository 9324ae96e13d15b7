package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one engine call off the CPS thread and returns the engine result's map (masked) as the step's value.
 *
 * <p>Aborting the build ({@link #stop}) cancels the engine, which interrupts a running tool (SIGINT), waits for it to
 * clean up and only then kills it, and interrupts the step's thread when no tool runs, so that an abort before the
 * tool starts (a credential lookup, the DigitalOcean lookup, a call to a hung agent) ends it too. The step then fails
 * with the abort's cause.
 *
 * <p>Pipeline cannot resume such a step after a controller restart: {@link #onResume()} first stops the tools it had
 * started on its machine (found through their pid files), then fails the step as upstream does.
 */
public abstract class EngineStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /** Names the folder of this step's pid files; kept in the Pipeline's state, so that after a restart it is known. */
    private final String id = UUID.randomUUID().toString();
    private transient volatile EngineRun engine;
    private transient volatile Thread worker;
    private transient volatile Throwable stopCause;

    /** @param context the step's context */
    protected EngineStepExecution(StepContext context) {
        super(context);
    }

    /**
     * Makes the one engine call of this step.
     *
     * @param engine the ports and the run's secrets
     * @return the engine result's {@code toMap()}; it is masked before the Pipeline sees it
     * @throws Exception when the call cannot be made or fails
     */
    protected abstract Map<String, Object> call(EngineRun engine) throws Exception;

    /** The run the step's context describes; without a node (a step that needs none), no workspace or launcher. */
    private EngineRun engine(StepContext c) throws IOException, InterruptedException {
        return new EngineRun(c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class), c.get(Launcher.class),
                c.get(TaskListener.class), id);
    }

    @Override
    protected final Map<String, Object> run() throws Exception {
        worker = Thread.currentThread();
        EngineRun e = null;
        try {
            if (stopCause != null) {
                throw new AbortException(String.valueOf(stopCause));
            }
            e = engine(getContext());
            engine = e;
            if (stopCause != null) {
                e.cancel();
            }
            return e.masked(call(e));
        } catch (Exception ex) {
            Throwable cause = stopCause;
            if (cause != null) {
                // Aborted: whatever the engine made of the cancel, the step ends with the abort's cause.
                if (cause != ex) {
                    cause.addSuppressed(ex);
                }
                throw cause instanceof Exception x ? x : new AbortException(String.valueOf(cause));
            }
            if (e != null && (ex instanceof EngineException || ex instanceof IllegalArgumentException)) {
                // Engine messages are masked and say what to do: show them without a stack trace.
                throw new AbortException(e.mask(String.valueOf(ex.getMessage())));
            }
            throw ex;
        } finally {
            if (e != null) {
                e.close();
            }
            worker = null;
            // An interrupt from stop() that came late must not reach the pool thread's next task.
            Thread.interrupted();
        }
    }

    /** Cancels the engine and interrupts the step's thread unless a tool is stopping; the step ends when it has. */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        EngineRun e = engine;
        Thread w = worker;
        if (e != null) {
            e.abort(w);
        } else if (w != null) {
            w.interrupt();
        }
    }

    /**
     * After a controller restart the step's thread is gone, but Packer or OpenTofu may still run on the agent, holding
     * a build machine or the state lock. So first stop them (SIGINT, the grace period, the kill, as a cancel does),
     * then fail the step as upstream does, with the exception {@code retry(conditions: [nonresumable()])} recognises.
     * On a thread of its own: the grace period must not hold up the loading of the Pipeline.
     */
    @Override
    public void onResume() {
        Thread t = new Thread(() -> {
            TaskListener listener = null;
            try {
                StepContext c = getContext();
                listener = c.get(TaskListener.class);
                if (c.get(FilePath.class) != null && c.get(Launcher.class) != null) {
                    int stopped = engine(c).stopLeftoverTools();
                    if (stopped > 0) {
                        listener.getLogger().println(Messages.get("EngineStepExecution.restarted", stopped));
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException x) {
                if (listener != null) {
                    listener.error(Messages.get("EngineStepExecution.leftoversUnknown", x.getMessage()));
                }
            } finally {
                super.onResume();
            }
        }, "immutable-deploy: stopping the tools of a step cut off by a restart");
        t.setDaemon(true);
        t.start();
    }
}
