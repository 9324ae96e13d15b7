package hudson.tasks;

/** Stand-in: how a build step synchronises with other builds. */
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
