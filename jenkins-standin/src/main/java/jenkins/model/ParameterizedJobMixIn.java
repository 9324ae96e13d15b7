package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;

/** Stand-in: helpers for jobs that take parameters; scheduling needs a running Jenkins. */
public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    private ParameterizedJobMixIn() {}

    public static Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stand-in: no build queue to schedule " + job.getFullName() + " in");
    }
}
