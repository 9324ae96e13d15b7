package hudson.model;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in: a job, which has builds and properties. Local tests subclass it, say which build is the last and add
 * properties (kept in memory; upstream also saves the job).
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    private final List<JobProperty<? super JobT>> properties = new CopyOnWriteArrayList<>();

    @SuppressWarnings("rawtypes")
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public RunT getLastBuild() {
        return null;
    }

    @SuppressWarnings("rawtypes")
    public <T extends JobProperty> T getProperty(Class<T> clazz) {
        for (JobProperty<?> p : properties) {
            if (clazz.isInstance(p)) {
                return clazz.cast(p);
            }
        }
        return null;
    }

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        properties.add(jobProp);
    }
}
