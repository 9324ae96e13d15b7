package hudson.model;

import java.io.IOException;

/** Stand-in: a build of an {@link AbstractProject}; only named as a type here. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }
}
