package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;

/** A delete failed part-way through a prune; carries what had been deleted by then. */
public final class PruneFailedException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final PruneResult partial;

    /**
     * @param message a complete, masked sentence
     * @param partial what was deleted before the failure, and what was kept and protected
     * @param cause the failed delete
     */
    public PruneFailedException(String message, PruneResult partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    /** @return what was deleted before the failure, and what was kept and protected */
    public PruneResult partial() {
        return partial;
    }
}
