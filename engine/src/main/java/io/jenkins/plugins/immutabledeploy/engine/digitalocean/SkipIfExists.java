package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import java.util.Optional;

/**
 * Lets a re-run of the same release skip its bake: a snapshot with exactly the image name the bake would create
 * may already exist.
 */
public final class SkipIfExists {
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
}
