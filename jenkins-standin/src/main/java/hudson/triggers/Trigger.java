package hudson.triggers;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.scheduler.CronTabList;
import hudson.scheduler.Hash;

/**
 * Stand-in: something that starts builds of a job. The cron service that calls {@link #run()} is
 * not here; {@link #start} keeps the job and re-reads the spec with the job's hash, as upstream does.
 */
public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    protected final String spec;
    protected transient CronTabList tabs;
    protected transient J job;

    protected Trigger(String cronTabSpec) {
        this.spec = cronTabSpec;
        this.tabs = CronTabList.create(cronTabSpec);
    }

    protected Trigger() {
        this.spec = "";
        this.tabs = CronTabList.create("");
    }

    public void start(J project, boolean newInstance) {
        this.job = project;
        if (spec != null) {
            this.tabs = CronTabList.create(spec, Hash.from(project.getFullName()));
        }
    }

    public void run() {}

    public void stop() {}

    public final String getSpec() {
        return spec;
    }

    @Override
    public TriggerDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stand-in: no Jenkins instance to look descriptors up in");
    }
}
