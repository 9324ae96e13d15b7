package hudson.tasks;

/** Stand-in: one step of a freestyle build. */
public interface BuildStep {
    default BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.BUILD;
    }
}
