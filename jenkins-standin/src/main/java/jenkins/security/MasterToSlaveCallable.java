package jenkins.security;

import hudson.remoting.Callable;

/** Stand-in: a {@link Callable} meant to run on an agent, sent there by the controller. */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;
}
