package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a prune did (or, in a dry run, would do).
 *
 * @param deleted snapshots deleted (or that a dry run would delete), oldest first
 * @param kept matching snapshots kept because they are among the newest N, newest first
 * @param protectedImages matching snapshots that were old enough to go but are in use or were named
 *     as protected, newest first
 * @param dryRun whether nothing was deleted on purpose
 */
public record PruneResult(List<Snapshot> deleted, List<Snapshot> kept, List<Snapshot> protectedImages,
        boolean dryRun) implements Serializable {

    /** Copies the lists so the result is immutable. */
    public PruneResult {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        protectedImages = List.copyOf(protectedImages);
    }

    /** @return the ids of the snapshots deleted (or that a dry run would delete), oldest first */
    public List<String> deletedIds() {
        return deleted.stream().map(Snapshot::id).toList();
    }

    /** @return the ids of the snapshots kept as the newest, newest first */
    public List<String> keptIds() {
        return kept.stream().map(Snapshot::id).toList();
    }

    /** @return the ids of the snapshots kept because they are in use or protected, newest first */
    public List<String> protectedIds() {
        return protectedImages.stream().map(Snapshot::id).toList();
    }

    /**
     * The result as plain values: the CLI's {@code --json} object and the Pipeline step's return value.
     *
     * @return keys {@code deleted}, {@code kept}, {@code protected} (each a list of maps with
     *     {@code id}, {@code name}, {@code created}) and {@code dryRun}
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("deleted", summaries(deleted));
        m.put("kept", summaries(kept));
        m.put("protected", summaries(protectedImages));
        m.put("dryRun", dryRun);
        return m;
    }

    private static List<Object> summaries(List<Snapshot> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(s -> out.add(s.toSummaryMap()));
        return out;
    }
}
