package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.util.List;

/**
 * A deploy failed: init, plan or apply exited with an error, or it was cancelled or timed out. The
 * message and the diagnostics are masked; {@link #result()} holds what was learnt before the failure,
 * including the deployment record that says so.
 */
public class DeployException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final transient DeployResult result;
    private final List<String> diagnostics;

    /**
     * @param message a complete, masked sentence
     * @param diagnostics the tool's error diagnostics, masked, one entry each
     * @param result the partial result, or null when the deploy failed before it had one
     */
    public DeployException(String message, List<String> diagnostics, DeployResult result) {
        super(message);
        this.diagnostics = List.copyOf(diagnostics);
        this.result = result;
    }

    /**
     * The same failure with the deploy's result attached; a subclass returns its own kind.
     *
     * @param result the result
     * @return a new exception
     */
    public DeployException withResult(DeployResult result) {
        DeployException e = new DeployException(getMessage(), diagnostics, result);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** @return the partial result (with the record of the failure), or null */
    public DeployResult result() {
        return result;
    }

    /** @return the tool's error diagnostics, masked */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
