package hudson.model;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** Stand-in: a build of an {@link AbstractProject} (a freestyle build). */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }

    /** Upstream: the names of the build variables whose values are secret (password parameters, bound credentials). */
    public Set<String> getSensitiveBuildVariables() {
        return new HashSet<>();
    }
}
