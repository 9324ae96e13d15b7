package hudson.model;

import hudson.EnvVars;
import java.io.IOException;

/**
 * Stand-in: one build of a job. Local tests subclass it and override what they need; the rest
 * throws, as there is no Jenkins here.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private final transient JobT project;

    protected Run(JobT job) throws IOException {
        this.project = job;
    }

    public JobT getParent() {
        return project;
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in: this run has no number");
    }

    public String getId() {
        return Integer.toString(getNumber());
    }

    public Result getResult() {
        return null;
    }

    public RunT getPreviousBuild() {
        return null;
    }

    public String getFullDisplayName() {
        return getParent().getFullName() + " #" + getNumber();
    }

    public String getDisplayName() {
        return "#" + getNumber();
    }

    public String getUrl() {
        return getParent().getUrl() + getNumber() + "/";
    }

    /** Upstream: writes build.xml; here there is nothing to write to. */
    public synchronized void save() throws IOException {}

    /** Upstream: true until the build has finished; here, while it has no result. */
    public boolean isBuilding() {
        return getResult() == null;
    }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        return new EnvVars();
    }
}
