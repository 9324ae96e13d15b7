package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.Permission;

/** A job in memory, as the stand-in leaves jobs to subclasses; it never runs builds itself. */
final class ReleaseJob extends Job<ReleaseJob, ReleaseJob.ReleaseRun> {
    ReleaseJob(String name) {
        super((ItemGroup<?>) null, name);
    }

    @Override
    public boolean hasPermission(Permission permission) {
        return true;
    }

    /** The job's build type; the queue is recorded instead of run. */
    abstract static class ReleaseRun extends Run<ReleaseJob, ReleaseRun> {
        ReleaseRun(ReleaseJob job) throws java.io.IOException {
            super(job);
        }
    }
}
