package io.jenkins.plugins.immutabledeploy.engine.packer;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.util.List;

/**
 * Packer did not produce an image: it failed, was cancelled, ran out of time, or finished without
 * an artifact. Carries Packer's exit code, its last error lines and whatever artifacts it did
 * report, all already masked.
 */
public final class BakeFailedException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final List<String> errorLines;
    private final boolean stopped;
    private final transient List<PackerArtifact> artifacts;

    /**
     * @param message a complete, masked sentence
     * @param exitCode Packer's exit code (0 when it succeeded but created nothing)
     * @param errorLines Packer's last error lines, masked
     * @param stopped whether the run was cancelled or timed out
     * @param artifacts artifacts Packer reported before it failed, masked
     */
    public BakeFailedException(String message, int exitCode, List<String> errorLines, boolean stopped,
            List<PackerArtifact> artifacts) {
        super(message);
        this.exitCode = exitCode;
        this.errorLines = List.copyOf(errorLines);
        this.stopped = stopped;
        this.artifacts = List.copyOf(artifacts);
    }

    /** @return Packer's exit code */
    public int exitCode() {
        return exitCode;
    }

    /** @return Packer's last error lines, masked, oldest first */
    public List<String> errorLines() {
        return errorLines;
    }

    /** @return whether the bake was cancelled or timed out rather than failing on its own */
    public boolean stopped() {
        return stopped;
    }

    /** @return artifacts reported before the failure (often none), masked */
    public List<PackerArtifact> artifacts() {
        return artifacts == null ? List.of() : artifacts;
    }
}
