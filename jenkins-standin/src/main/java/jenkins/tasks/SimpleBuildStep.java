package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;
import java.util.Collection;

/** Stand-in: a build step usable from freestyle jobs and Pipeline. */
public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new AbstractMethodError("implement perform(Run, FilePath, EnvVars, Launcher, TaskListener)");
    }

    /** Stand-in: a build action that contributes actions to its job page while its build is the last. */
    interface LastBuildAction extends Action {
        Collection<? extends Action> getProjectActions();
    }
}
