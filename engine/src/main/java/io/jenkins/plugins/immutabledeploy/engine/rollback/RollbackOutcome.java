package io.jenkins.plugins.immutabledeploy.engine.rollback;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.verify.EndpointResult;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a rollback did: whether it redeployed, to which record, and whether the redeployed version
 * verified healthy.
 *
 * @param rolledBack whether the previous deployment was redeployed (applied without error)
 * @param rolledBackTo the record redeployed, or null when there was none to return to
 * @param rollbackHealthy whether the redeployed version verified healthy; null when not verified
 * @param message one sentence for people: what happened (always set)
 * @param verification the verification of the redeployed version, or null when not verified
 */
public record RollbackOutcome(
        boolean rolledBack,
        DeploymentRecord rolledBackTo,
        Boolean rollbackHealthy,
        String message,
        VerifyResult verification) {

    /**
     * @param message why there was nothing to roll back to
     * @return an outcome saying no rollback happened
     */
    public static RollbackOutcome notPossible(String message) {
        return new RollbackOutcome(false, null, null, message, null);
    }

    /** @return the outcome's line for people */
    public String summary() {
        return "Rollback: " + message;
    }

    /**
     * The rollback keys of a result map: {@code rollbackDeploy}'s value, and what {@code verifyDeploy} adds after a
     * rollback.
     *
     * @return {@code rolledBack}, {@code rolledBackTo}, {@code rollbackHealthy}, {@code rollbackMessage},
     *     {@code rollbackEndpoints}
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("rolledBack", rolledBack);
        m.put("rolledBackTo", rolledBackTo == null ? null : rolledBackTo.toMap());
        m.put("rollbackHealthy", rollbackHealthy);
        m.put("rollbackMessage", message);
        List<Object> endpoints = null;
        if (verification != null) {
            endpoints = new ArrayList<>();
            for (EndpointResult e : verification.endpoints()) {
                endpoints.add(e.toMap());
            }
        }
        m.put("rollbackEndpoints", endpoints);
        return m;
    }
}
