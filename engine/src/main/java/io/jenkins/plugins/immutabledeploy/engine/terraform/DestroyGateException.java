package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.List;

/**
 * The destroy gate stopped a deploy before apply: the plan deletes resources outside a replacement,
 * or replaces some destroy-first, and the request did not say that was expected. Nothing was applied.
 */
public final class DestroyGateException extends DeployException {
    private static final long serialVersionUID = 1L;

    private final List<String> deletes;
    private final List<String> destroyFirstReplacements;

    /**
     * @param message the masked sentence naming the addresses and the options that allow them
     * @param deletes addresses of pure deletes that were not allowed
     * @param destroyFirstReplacements addresses of destroy-first replacements that were not allowed
     * @param result the result (summary, changes, record); null when the gate is checked on its own
     */
    public DestroyGateException(String message, List<String> deletes, List<String> destroyFirstReplacements,
            DeployResult result) {
        super(message, List.of(), result);
        this.deletes = List.copyOf(deletes);
        this.destroyFirstReplacements = List.copyOf(destroyFirstReplacements);
    }

    /**
     * The same stop, with the deploy's result attached.
     *
     * @param result the result
     * @return a new exception
     */
    @Override
    public DestroyGateException withResult(DeployResult result) {
        return new DestroyGateException(getMessage(), deletes, destroyFirstReplacements, result);
    }

    /** @return addresses of deletes that stopped the deploy */
    public List<String> deletes() {
        return deletes;
    }

    /** @return addresses of destroy-first replacements that stopped the deploy */
    public List<String> destroyFirstReplacements() {
        return destroyFirstReplacements;
    }

    /** @return the plan summary, or {@link PlanSummary#EMPTY} when no result is attached */
    public PlanSummary summary() {
        return result() == null ? PlanSummary.EMPTY : result().summary();
    }
}
