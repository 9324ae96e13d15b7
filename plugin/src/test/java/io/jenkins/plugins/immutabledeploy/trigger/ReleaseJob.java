package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.Permission;
import java.io.File;

/** A job in memory, as the stand-in leaves jobs to subclasses; it never runs builds itself. */
final class ReleaseJob extends Job<ReleaseJob, ReleaseJob.ReleaseRun> {
    private final File rootDir;

    ReleaseJob(String name) {
        this(name, null);
    }

    /**
     * @param name the job name
     * @param rootDir the job's folder (where polling keeps its state), or null for a job that never polls
     */
    ReleaseJob(String name, File rootDir) {
        super((ItemGroup<?>) null, name);
        this.rootDir = rootDir;
    }

    @Override
    public File getRootDir() {
        if (rootDir == null) {
            throw new IllegalStateException("this test job was made without a folder");
        }
        return rootDir;
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
