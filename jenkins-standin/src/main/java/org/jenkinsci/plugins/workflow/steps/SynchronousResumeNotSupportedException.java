package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;

/** Stand-in: what {@link SynchronousNonBlockingStepExecution#onResume()} fails the step with after a restart. */
public class SynchronousResumeNotSupportedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SynchronousResumeNotSupportedException(StepContext context) {
        super("The Pipeline step `" + functionName(context) + "` cannot be resumed after a controller restart."
                + " In Scripted syntax, you may wrap its containing `node` block within"
                + " `retry(conditions: [nonresumable()], count: 2) {...}`, or, in Declarative syntax, use the `retries`"
                + " option to an `agent` directive to allow the stage to be retried.");
    }

    private static String functionName(StepContext context) {
        try {
            StepDescriptor d = context.get(StepDescriptor.class);
            return d == null ? "?" : d.getFunctionName();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
