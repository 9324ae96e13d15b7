package org.jenkinsci.plugins.workflow.steps;

/** Stand-in: runs {@link #run()} on a thread of its own and reports the outcome to the context. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    private transient volatile Thread thread;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        thread = new Thread(() -> {
            try {
                getContext().onSuccess(run());
            } catch (Throwable t) {
                getContext().onFailure(t);
            }
        }, "stand-in step execution");
        thread.setDaemon(true);
        thread.start();
        return false;
    }

    /** Like upstream: a restart ends the step, which cannot continue the work its lost thread was doing. */
    @Override
    public void onResume() {
        getContext().onFailure(new SynchronousResumeNotSupportedException(getContext()));
    }

    /** Like upstream: interrupts the thread running {@link #run()} and fails the step with the cause. */
    @Override
    public void stop(Throwable cause) throws Exception {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        getContext().onFailure(cause);
    }
}
