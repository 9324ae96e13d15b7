package hudson.remoting;

import java.io.IOException;

/**
 * Stand-in: the connection to an agent. A FilePath with one is remote. Upstream serializes a {@link Callable}, runs it
 * on the agent and serializes back its value or throwable; an interrupt of the waiting thread cancels the remote call
 * (the agent's thread is interrupted) and throws {@link InterruptedException} at once. Tests implement it.
 */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
