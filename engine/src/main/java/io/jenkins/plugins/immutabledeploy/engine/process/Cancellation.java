package io.jenkins.plugins.immutabledeploy.engine.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancel signal shared between whoever may abort a run (Jenkins' {@code stop()}, the CLI's
 * Ctrl-C handler, a test) and the engine work that must react to it. Cancelling is idempotent.
 */
public final class Cancellation {
    private final List<Runnable> listeners = new ArrayList<>();
    private volatile boolean cancelled;

    /** Creates a signal that is not cancelled. */
    public Cancellation() {}

    /** @return a signal that is never cancelled */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Cancels: every registered listener runs once, on the calling thread. Later calls do nothing. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(listeners);
            listeners.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs a listener when cancelled: at once when already cancelled.
     *
     * @param listener what to run
     * @return a handle that unregisters the listener when closed
     */
    public Registration onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(listener);
                return () -> {
                    synchronized (this) {
                        listeners.remove(listener);
                    }
                };
            }
        }
        listener.run();
        return () -> {};
    }

    /** Unregisters a cancel listener; closing twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
