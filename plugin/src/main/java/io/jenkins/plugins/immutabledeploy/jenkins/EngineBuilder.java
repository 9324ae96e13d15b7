package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.io.IOException;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;

/**
 * A freestyle build step that makes one engine call and exports its result as environment variables
 * for the build steps after it. Aborting the build interrupts the executor thread; that interrupt also cancels the
 * engine (SIGINT to a running tool, a grace period, then a kill; checks and DigitalOcean calls end at once), so an
 * abort before the tool starts ends the step too. An aborted step ends with an {@link InterruptedException}, so the
 * build is aborted, not failed.
 */
public abstract class EngineBuilder extends Builder implements SimpleBuildStep {
    /**
     * Makes the one engine call of this builder.
     *
     * @param engine the ports and the run's secrets
     * @return the variables to export (values masked by the caller)
     * @throws Exception when the call cannot be made or fails
     */
    protected abstract Map<String, String> call(EngineRun engine) throws Exception;

    @Override
    public final void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        EngineRun engine = new EngineRun(run, workspace, env, launcher, listener);
        engine.cancelWhenInterrupted(Thread.currentThread());
        if (run instanceof AbstractBuild<?, ?> build) {
            // Fields expand $NAME, so a password parameter or a bound credential could reach a tool's command
            // line: as a known secret it is refused there, and masked wherever else it shows.
            engine.addSecrets(build.getSensitiveBuildVariables().stream().map(env::get).toList());
        }
        Map<String, String> exported;
        try {
            exported = call(engine);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (aborted(engine)) {
                throw abortedBy(e);
            }
            if (e instanceof EngineException || e instanceof IllegalArgumentException) {
                throw new AbortException(engine.mask(String.valueOf(e.getMessage())));
            }
            throw e;
        } catch (Exception e) {
            if (aborted(engine)) {
                throw abortedBy(e);
            }
            throw new IOException(engine.mask(String.valueOf(e.getMessage())), e);
        } finally {
            engine.close();
        }
        if (aborted(engine)) {
            throw abortedBy(null);
        }
        ExportedVariablesAction.export(run, exported, engine::mask);
    }

    private static boolean aborted(EngineRun engine) {
        return Thread.interrupted() | engine.cancelled();
    }

    private static InterruptedException abortedBy(Exception cause) {
        InterruptedException x = new InterruptedException(Messages.get("EngineBuilder.aborted"));
        if (cause != null) {
            x.addSuppressed(cause);
        }
        return x;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }
}
