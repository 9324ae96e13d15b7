package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the image ids that deployments are running on, so prune never deletes them.
 *
 * <p>The image id is one of a deployment's {@code -var} values, either as the bare id
 * ({@code image_id=6372321}) or as the artifact id Packer printed ({@code nyc3,sfo3:6372321}).
 * Only the newest successful record of each configuration and workspace counts: that is what is
 * deployed now. Older deployments' images are what prune is for.
 */
public final class ProtectedImages {
    private ProtectedImages() {}

    /**
     * The image ids the given deployment records use.
     *
     * @param records the newest successful record of each configuration and workspace
     * @return every var value that is an id, plus the id part of every {@code region:id} value
     */
    public static Set<String> usedBy(Collection<DeploymentRecord> records) {
        Set<String> ids = new LinkedHashSet<>();
        for (DeploymentRecord r : records) {
            for (String value : r.vars().values()) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                ids.add(value.trim());
                ids.add(idPart(value));
            }
        }
        return ids;
    }

    /**
     * What is deployed now, from records of any origin: of each configuration and workspace, the
     * newest successful record.
     *
     * @param records deployment records, in any order
     * @return one record per configuration and workspace that has a successful one
     */
    public static List<DeploymentRecord> newestSuccessful(Collection<DeploymentRecord> records) {
        Map<String, DeploymentRecord> newest = new LinkedHashMap<>();
        for (DeploymentRecord rec : records) {
            if (rec.successful()) {
                newest.merge(rec.dir() + "\n" + rec.workspace(), rec, (a, b) -> b.time().isAfter(a.time()) ? b : a);
            }
        }
        return List.copyOf(newest.values());
    }

    /**
     * The image id inside an artifact id: {@code nyc3,sfo3:6372321} gives {@code 6372321}; a value
     * without a region prefix is returned trimmed.
     *
     * @param value an image id or a Packer artifact id
     * @return the id part
     */
    public static String idPart(String value) {
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        return colon >= 0 && colon + 1 < v.length() ? v.substring(colon + 1) : v;
    }

    /**
     * The newest successful record of every configuration and workspace under a
     * {@link FileRecordStore} root on this machine ({@code <root>/<dir>/<workspace>/<id>.json}).
     *
     * @param root the records folder; a missing folder has no records
     * @return one record per configuration and workspace that has a successful one
     * @throws EngineException when the folder cannot be read or a record is broken (better to stop
     *     than to prune an image a record we could not read protects)
     */
    public static List<DeploymentRecord> latestSuccessful(Path root) {
        return latestSuccessful(HostFiles.local(), root);
    }

    /**
     * The same, for records on the machine the tools ran on.
     *
     * @param files that machine's file system
     * @param root the records folder there; a missing folder has no records
     * @return one record per configuration and workspace that has a successful one
     * @throws EngineException when the folder cannot be read or a record is broken
     */
    public static List<DeploymentRecord> latestSuccessful(HostFiles files, Path root) {
        RecordStore store = new FileRecordStore(files, root);
        List<DeploymentRecord> out = new ArrayList<>();
        try {
            // Listing a missing folder or a file gives nothing, so stray files are passed over without a
            // question more to that machine. The store maps a configuration folder to its last path
            // element, so its folder name finds it again; the same holds for the workspace.
            for (String dir : files.list(root.toString())) {
                for (String ws : files.list(root.resolve(dir).toString())) {
                    store.previousSuccessful(dir, ws, null).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new EngineException("Could not read the deployment records in " + root + ": " + e.getMessage(), e);
        }
        return out;
    }
}
