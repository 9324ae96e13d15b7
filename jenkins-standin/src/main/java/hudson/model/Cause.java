package hudson.model;

/** Stand-in: why a build started, shown on the build page. */
public abstract class Cause {
    public abstract String getShortDescription();
}
