package io.jenkins.plugins.immutabledeploy.engine.rollback;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;

/**
 * Which deployment to roll back, and to what.
 *
 * @param dir the configuration folder, as given to the deploy
 * @param workspace the workspace ({@value DeploymentRecord#DEFAULT_WORKSPACE} when none was named)
 * @param to the id of the record to return to, or null for "the previous successful one"
 * @param current the id of the deployment being rolled back (the failed one), or null for the newest record
 * @param names how the caller names the fields, for messages
 */
public record RollbackRequest(String dir, String workspace, String to, String current, Vocabulary names) {
    /** Checks the parts. */
    public RollbackRequest {
        names = names == null ? Vocabulary.FIELDS : names;
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException(names.name("dir")
                    + ": the configuration folder whose deployment to roll back is required");
        }
        workspace = workspace == null || workspace.isBlank() ? DeploymentRecord.DEFAULT_WORKSPACE : workspace;
        to = to == null || to.isBlank() ? null : to.trim();
    }
}
