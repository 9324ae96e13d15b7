package hudson.tasks;

/** Stand-in: the old base class of build steps. */
@Deprecated
public abstract class BuildStepCompatibilityLayer implements BuildStep {}
