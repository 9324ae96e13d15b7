package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A job and its builds, in memory: what the stand-in leaves to subclasses. */
final class TestBuild extends Run<TestBuild.TestJob, TestBuild> {
    private final int number;
    private final TestBuild previous;
    private Result result;

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
        return previous;
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
            return builds.isEmpty() ? null : builds.get(builds.size() - 1);
        }
    }
}
