package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.Action;
import hudson.model.Job;
import java.util.List;
import jenkins.model.ParameterizedJobMixIn;

/** Where a trigger's builds go: Jenkins' queue, or in a test, a list. */
@FunctionalInterface
interface BuildScheduler {
    /** Jenkins' queue, without a quiet period: the release is already final. */
    BuildScheduler QUEUE = (job, actions) ->
            ParameterizedJobMixIn.scheduleBuild2(job, 0, actions.toArray(new Action[0])) != null;

    /**
     * @param job the job
     * @param actions the build's cause and parameters
     * @return whether the queue took the build
     */
    boolean schedule(Job<?, ?> job, List<Action> actions);
}
