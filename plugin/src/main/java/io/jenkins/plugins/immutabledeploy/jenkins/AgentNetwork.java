package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import jenkins.security.MasterToSlaveCallable;

/**
 * The run context's network port in Jenkins: the health checks and the DigitalOcean calls are made on the machine the
 * build runs on, never in the controller's JVM on behalf of a remote build. A job author chooses their URLs and
 * headers; made from the controller, they would reach what only the controller reaches (cloud metadata, internal
 * services) and print its answers into the build log. Made on the agent, they reach what the tools reach, including
 * an application's private network.
 *
 * <p>With the workspace on an agent, the calls travel there as a {@link MasterToSlaveCallable} through the workspace's
 * channel ({@link FilePath#act}): they and the run's secrets are serialized, their lines stream back through the
 * build's {@link TaskListener} (masked on the agent), and their answer is serialized back. They use the agent's own
 * network and the engine's plain client: Jenkins' proxy settings are the controller's ({@link JenkinsHttp} needs
 * {@code Jenkins.get()}, which an agent does not have). A cancel interrupts the thread waiting for them, which
 * interrupts the agent's thread (remoting's cancel), and the engine ends them as a cancel does.
 *
 * <p>With the workspace on the controller, or without a workspace ({@code verifyDeploy} outside {@code node}), the
 * calls are made here, in the controller's JVM, with the proxy-aware client: the build runs there.
 */
final class AgentNetwork implements RunContext.Network {
    private final FilePath workspace;
    private final TaskListener listener;
    private final String node;
    private final Runnable flushLog;

    /**
     * @param workspace the build's workspace, or null without a node
     * @param listener the build log
     * @param node the name of the build's node, for messages
     * @param flushLog writes out what this side's log holds back, before the agent writes to the log itself
     */
    AgentNetwork(FilePath workspace, TaskListener listener, String node, Runnable flushLog) {
        this.workspace = workspace;
        this.listener = listener;
        this.node = node;
        this.flushLog = flushLog;
    }

    @Override
    public <R extends Serializable> R make(RunContext.Calls<R> calls, RunContext context) {
        if (workspace == null || !workspace.isRemote()) {
            return RunContext.Network.HERE.make(calls, context);
        }
        flushLog.run();
        Thread waiting = Thread.currentThread();
        Object lock = new Object();
        boolean[] done = {false};
        // Remoting cancels the call on the agent when the thread waiting for it is interrupted.
        try (var onCancel = context.cancellation().onCancel(() -> {
            synchronized (lock) {
                if (!done[0]) {
                    waiting.interrupt();
                }
            }
        })) {
            return workspace.act(new OnAgent<>(calls, listener));
        } catch (InterruptedException e) {
            if (!context.cancellation().isCancelled()) {
                // An interrupt from elsewhere (a freestyle abort): the run is being stopped.
                Thread.currentThread().interrupt();
            }
            return calls.cancelled();
        } catch (IOException e) {
            throw new EngineException(context.secrets().mask(Messages.get("AgentNetwork.unreachable", calls, node,
                    e.getMessage())), e);
        } finally {
            synchronized (lock) {
                done[0] = true;
            }
            if (context.cancellation().isCancelled()) {
                // Our own interrupt, if it came after the answer, must not reach what the run does next.
                Thread.interrupted();
            }
        }
    }

    /** The calls on the agent; their answer, or what they threw, goes back serialized. */
    private static final class OnAgent<R extends Serializable> extends MasterToSlaveCallable<R, InterruptedException> {
        private static final long serialVersionUID = 1L;

        private final RunContext.Calls<R> calls;
        private final TaskListener listener;

        OnAgent(RunContext.Calls<R> calls, TaskListener listener) {
            this.calls = calls;
            this.listener = listener;
        }

        @Override
        public R call() throws InterruptedException {
            PrintStream log = listener.getLogger();
            return calls.makeHere(line -> {
                // Parallel branches share the log: keep each line whole.
                synchronized (log) {
                    log.println(line);
                }
            }, HttpClients.shared());
        }
    }
}
