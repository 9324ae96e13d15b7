package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.List;

/**
 * A release's phase gate stopped a plan before apply: it would change something the phase may not (a live server, the
 * stable address while a candidate comes up, a server to keep). Nothing was applied.
 */
public final class PhaseGateException extends DeployException {
    private static final long serialVersionUID = 1L;

    private final String phase;
    private final transient List<ResourceChange> refused;

    /**
     * @param message the masked sentence naming the phase, the changes it refused and what to do
     * @param phase the phase, e.g. {@code candidate}
     * @param refused the changes the phase may not make
     * @param result the deploy's result, or null when the gate is checked on its own
     */
    public PhaseGateException(String message, String phase, List<ResourceChange> refused, DeployResult result) {
        super(message, List.of(), result);
        this.phase = phase;
        this.refused = List.copyOf(refused);
    }

    @Override
    public PhaseGateException withResult(DeployResult result) {
        return new PhaseGateException(getMessage(), phase, refused, result);
    }

    /** @return the phase whose gate stopped the plan */
    public String phase() {
        return phase;
    }

    /** @return the changes the phase may not make */
    public List<ResourceChange> refused() {
        return refused;
    }
}
