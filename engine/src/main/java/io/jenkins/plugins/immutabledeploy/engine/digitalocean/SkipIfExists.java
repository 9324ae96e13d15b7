package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
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
     * @throws IllegalArgumentException when the name is blank
     */
    public static Optional<Snapshot> existing(DigitalOceanClient client, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("skipIfExists: give the snapshot name the bake creates");
        }
        return client.resolveByName(name);
    }

    /**
     * The bake result for an image that already exists, so a skipped bake and a real one have the
     * same keys and value types.
     *
     * @param client the DigitalOcean client
     * @param name the snapshot name the bake would create
     * @return the existing snapshot as a skipped bake ({@link #toBakeResult}); empty when no snapshot
     *     has that name
     */
    public static Optional<BakeResult> check(DigitalOceanClient client, String name) {
        return existing(client, name).map(SkipIfExists::toBakeResult);
    }

    /**
     * Describes an existing snapshot as a skipped bake: its artifact id, id, name and regions,
     * builder {@value #BUILDER}, no builds, an empty Packer version (Packer did not run), a
     * duration of zero and {@code skipped} true.
     *
     * @param s the snapshot
     * @return the bake result
     */
    public static BakeResult toBakeResult(Snapshot s) {
        return BakeResult.builder().artifactId(s.artifactId()).id(s.id()).name(s.name()).regions(s.regions())
                .builderId(BUILDER).skipped(true).build();
    }
}
