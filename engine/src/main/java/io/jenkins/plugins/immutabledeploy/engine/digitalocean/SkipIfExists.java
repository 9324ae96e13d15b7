package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Lets a re-run of the same release skip its bake: when a snapshot with exactly the image name
 * already exists, the bake's result describes that snapshot instead of a new one.
 */
public final class SkipIfExists {
    /** The {@code builder} value of a skipped bake's result. */
    public static final String BUILDER = "digitalocean";

    private SkipIfExists() {}

    /**
     * Looks for a snapshot with exactly this name.
     *
     * @param client the DigitalOcean client
     * @param name the snapshot name the bake would create
     * @return the newest snapshot of that name, or empty when the bake has to run
     */
    public static Optional<Snapshot> existing(DigitalOceanClient client, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("skipIfExists: give the snapshot name the bake creates");
        }
        return client.resolveByName(name);
    }

    /**
     * The bake-shaped result for an image that already exists.
     *
     * @param client the DigitalOcean client
     * @param name the snapshot name the bake would create
     * @return a map with the bake result's keys ({@code artifactId}, {@code id}, {@code name},
     *     {@code regions}, {@code builder}, {@code builds}, {@code packerVersion},
     *     {@code durationSeconds}) and {@code skipped: true}; empty when no snapshot has that name
     */
    public static Optional<LinkedHashMap<String, Object>> check(DigitalOceanClient client, String name) {
        return existing(client, name).map(SkipIfExists::toBakeMap);
    }

    /**
     * Describes an existing snapshot as a skipped bake.
     *
     * @param s the snapshot
     * @return the bake result's keys with {@code skipped: true}
     */
    public static LinkedHashMap<String, Object> toBakeMap(Snapshot s) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("artifactId", s.artifactId());
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("regions", new ArrayList<>(s.regions()));
        m.put("builder", BUILDER);
        m.put("builds", new ArrayList<>());
        m.put("packerVersion", null);
        m.put("durationSeconds", 0);
        m.put("skipped", true);
        return m;
    }
}
