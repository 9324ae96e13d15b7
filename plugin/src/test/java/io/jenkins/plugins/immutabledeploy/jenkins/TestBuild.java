package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job and its builds, in memory: what the stand-in leaves to subclasses. It notes what each {@link #save()} would
 * have written of the deployment records and entries, and counts the builds read through the job (each a load from
 * disk in Jenkins).
 */
final class TestBuild extends Run<TestBuild.TestJob, TestBuild> {
    private final int number;
    private final TestBuild previous;
    private Result result;
    /** Per save: how many deployment records and journal entries the build held. */
    final List<String> saves = new CopyOnWriteArrayList<>();

    private TestBuild(TestJob job, int number, TestBuild previous) throws IOException {
        super(job);
        this.number = number;
        this.previous = previous;
    }

    @Override
    public int getNumber() {
        return number;
    }

    @Override
    public TestBuild getPreviousBuild() {
        if (previous != null) {
            getParent().reads.incrementAndGet();
        }
        return previous;
    }

    @Override
    public synchronized void save() {
        DeploymentAction a = getAction(DeploymentAction.class);
        saves.add("records=" + (a == null ? 0 : a.getRecords().size()) + " entries=" + (a == null ? 0 : a.getEntries().size()));
    }

    @Override
    public Result getResult() {
        return result;
    }

    void setResult(Result r) {
        this.result = r;
    }

    /** A job whose builds are numbered from 1. */
    static final class TestJob extends Job<TestJob, TestBuild> {
        private final List<TestBuild> builds = new ArrayList<>();
        /** Builds read: the last one and each previous one reached from it. */
        final AtomicInteger reads = new AtomicInteger();

        TestJob(String name) {
            super((ItemGroup<?>) null, name);
        }

        /** @return a new build, the job's last */
        TestBuild newBuild() {
            try {
                TestBuild b = new TestBuild(this, builds.size() + 1, builds.isEmpty() ? null : builds.get(builds.size() - 1));
                builds.add(b);
                return b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public TestBuild getLastBuild() {
            if (builds.isEmpty()) {
                return null;
            }
            reads.incrementAndGet();
            return builds.get(builds.size() - 1);
        }
    }
}
