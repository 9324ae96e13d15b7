package hudson.remoting;

import java.io.Serializable;

/** Stand-in: work that a channel serializes and runs on its other side, returning the value (or the throwable). */
public interface Callable<V, T extends Throwable> extends Serializable {
    V call() throws T;
}
