package io.jenkins.plugins.immutabledeploy.engine.record;

import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Port: where deployment records live. The CLI keeps them as JSON files
 * ({@link FileRecordStore}); the plugin keeps them on the builds.
 */
public interface RecordStore {
    /**
     * Saves a record.
     *
     * @param record the record
     * @return its id, for the result's {@code record} key: what a rollback's {@code to} takes
     */
    String save(DeploymentRecord record);

    /**
     * Keeps a newer version of a saved record (same id): a verdict of the checks was added, or the release's outcome.
     * Later {@link #list} calls return this version.
     *
     * @param record the record, changed
     */
    void update(DeploymentRecord record);

    /**
     * Lists the records of one configuration and workspace, newest first. A record of another configuration whose
     * folder has the same name is never among them.
     *
     * @param dir the configuration folder, as given to the deploy
     * @param workspace the workspace
     * @return the records, newest first
     */
    List<DeploymentRecord> list(String dir, String workspace);

    /**
     * What is deployed now: the newest successful record of every configuration and workspace this store knows.
     * Prune keeps the images these run on.
     *
     * @return one record per configuration and workspace that has a successful one
     */
    List<DeploymentRecord> deployedNow();

    /**
     * The newest successful record of a configuration and workspace other than the given one:
     * what a rollback returns to.
     *
     * @param dir the configuration folder
     * @param workspace the workspace
     * @param excludingId a record id to skip (the failed deployment being rolled back), or null
     * @return the record, or empty when there is none
     */
    default Optional<DeploymentRecord> previousSuccessful(String dir, String workspace, String excludingId) {
        return list(dir, workspace).stream()
                .filter(DeploymentRecord::successful)
                .filter(r -> !r.id().equals(excludingId))
                .findFirst();
    }

    /**
     * The records the CLI keeps when it deploys from a folder: {@value FileRecordStore#DEFAULT_ROOT} below it.
     *
     * @param files the file system of the machine the folder is on
     * @param folder the folder the CLI ran in, e.g. a build's workspace
     * @return a store reading those records
     */
    static RecordStore keptByTheCliIn(HostFiles files, String folder) {
        return new FileRecordStore(files, Path.of(HostFiles.resolve(folder, FileRecordStore.DEFAULT_ROOT)), Path.of(folder));
    }
}
