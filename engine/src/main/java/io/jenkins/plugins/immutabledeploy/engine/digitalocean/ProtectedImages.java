package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the image ids that deployments are running on, so prune never deletes them.
 *
 * <p>The image id is one of the values of the variables a deployment's plan used (from {@code -var}, a variable file,
 * the environment or a default alike; a release's live and candidate image both), either as the bare id
 * ({@code image_id=6372321}) or as the artifact id Packer printed ({@code nyc3,sfo3:6372321}). Records written
 * before the plan's variables were kept count their {@code -var} values.
 * Only the newest successful record of each configuration and workspace counts: that is what is
 * deployed now ({@link io.jenkins.plugins.immutabledeploy.engine.record.RecordStore#deployedNow()}). Older
 * deployments' images are what prune is for.
 */
public final class ProtectedImages {
    private ProtectedImages() {}

    /**
     * The image ids the given deployment records use.
     *
     * @param records the newest successful record of each configuration and workspace
     * @return every variable's value, plus the id part of every {@code region:id} value
     */
    public static Set<String> usedBy(Collection<DeploymentRecord> records) {
        Set<String> ids = new LinkedHashSet<>();
        for (DeploymentRecord r : records) {
            java.util.List<String> values = new java.util.ArrayList<>(r.variables().values());
            values.addAll(r.vars().values());
            if (r.image() != null) {
                values.add(r.image());
            }
            for (String value : values) {
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
}
