package io.jenkins.plugins.immutabledeploy.engine.verify;

import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.util.Objects;

/**
 * Where to find the deployment to return to.
 *
 * @param store the deployment records
 * @param dir the configuration folder, as given to the deploy
 * @param workspace the workspace ({@code default} when none was named)
 * @param to the id of the record to return to, or null for "the previous successful one"
 * @param current the id of the deployment being rolled back (the failed one), or null for the newest record
 */
public record RollbackRequest(RecordStore store, String dir, String workspace, String to, String current) {
    /** Checks the parts. */
    public RollbackRequest {
        Objects.requireNonNull(store, "store");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("dir: the configuration folder whose deployment to roll back is required");
        }
        workspace = workspace == null || workspace.isBlank() ? "default" : workspace;
    }
}
