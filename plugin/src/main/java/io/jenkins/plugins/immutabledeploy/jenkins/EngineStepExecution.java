package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one engine call off the CPS thread and returns the engine result's map (masked) as the step's
 * value. Aborting the build cancels the engine, which interrupts the tool (SIGINT), waits for it to
 * clean up and only then kills it; the step then fails with the abort's cause.
 */
public abstract class EngineStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private transient volatile EngineRun engine;
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

    @Override
    protected final Map<String, Object> run() throws Exception {
        StepContext c = getContext();
        EngineRun e = new EngineRun(c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class), c.get(Launcher.class),
                c.get(TaskListener.class));
        engine = e;
        if (stopCause != null) {
            e.cancel();
        }
        try {
            return e.masked(call(e));
        } catch (Exception ex) {
            Throwable cause = stopCause;
            if (cause != null) {
                // Aborted: whatever the engine made of the cancel, the step ends with the abort's cause.
                cause.addSuppressed(ex);
                throw cause instanceof Exception x ? x : new AbortException(String.valueOf(cause));
            }
            if (ex instanceof EngineException || ex instanceof IllegalArgumentException) {
                // Engine messages are masked and say what to do: show them without a stack trace.
                throw new AbortException(e.mask(String.valueOf(ex.getMessage())));
            }
            throw ex;
        } finally {
            e.close();
        }
    }

    /** Cancels the engine; the step ends when the tool has stopped. */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        EngineRun e = engine;
        if (e != null) {
            e.cancel();
        }
    }
}
