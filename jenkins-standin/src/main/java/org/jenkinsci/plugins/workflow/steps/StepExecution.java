package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Stand-in: a started step. As upstream, it is serialized with its context (Pipeline keeps both in the program's
 * state), so after a restart the deserialized execution reaches the same build through it.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    /** Upstream: called on the execution deserialized after a controller restart; nothing by default. */
    public void onResume() {}
}
