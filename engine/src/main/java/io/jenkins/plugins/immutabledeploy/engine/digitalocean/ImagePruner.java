package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes old Droplet snapshots: of the snapshots whose name matches, the newest N stay, protected
 * ones stay, and the rest go. Protected images are the ids the caller names and the images the
 * latest successful deployments use ({@link ProtectedImages}); a protected image among the newest N
 * is reported as kept, an older one as protected.
 */
public final class ImagePruner {
    private final DigitalOceanClient client;
    private final BuildLog log;

    /**
     * @param client the DigitalOcean client
     * @param log where each decision is reported
     */
    public ImagePruner(DigitalOceanClient client, BuildLog log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Checks the token, lists the snapshots and deletes the ones the request lets go (none in a dry run).
     *
     * @param request what to prune
     * @return what was deleted, kept and protected
     * @throws PruneFailedException when a delete fails; it carries what was deleted before
     * @throws DigitalOceanException when the token is rejected or the snapshots cannot be listed
     */
    public PruneResult prune(PruneRequest request) {
        client.checkToken();
        List<Snapshot> matching = new ArrayList<>(client.listSnapshots().stream()
                .filter(s -> request.matches(s.name())).toList());
        matching.sort(DigitalOceanClient.NEWEST_LAST.reversed());
        log.info("Found " + matching.size() + " snapshot(s) with " + request.filterDescription() + "; keeping the newest "
                + request.keep() + (request.dryRun() ? " (dry run: nothing will be deleted)" : ""));

        List<Snapshot> kept = new ArrayList<>();
        List<Snapshot> protectedImages = new ArrayList<>();
        List<Snapshot> toDelete = new ArrayList<>();
        for (Snapshot s : matching) {
            if (kept.size() < request.keep()) {
                kept.add(s);
            } else if (request.protectedIds().contains(s.id())) {
                protectedImages.add(s);
                log.info("Keeping protected snapshot " + describe(s));
            } else {
                toDelete.add(s);
            }
        }
        // Oldest first: if a delete fails part-way, the newest of the doomed ones are still there.
        toDelete.sort(DigitalOceanClient.NEWEST_LAST);
        List<Snapshot> deleted = new ArrayList<>();
        for (Snapshot s : toDelete) {
            if (request.dryRun()) {
                log.info("Would delete snapshot " + describe(s));
            } else {
                try {
                    client.deleteSnapshot(s.id());
                } catch (DigitalOceanException e) {
                    throw new PruneFailedException("Deleting snapshot " + describe(s) + " failed after " + deleted.size()
                            + " of " + toDelete.size() + " were deleted: " + e.getMessage(),
                            new PruneResult(deleted, kept, protectedImages, false), e);
                }
                log.info("Deleted snapshot " + describe(s));
            }
            deleted.add(s);
        }
        return new PruneResult(deleted, kept, protectedImages, request.dryRun());
    }

    private static String describe(Snapshot s) {
        return s.id() + " '" + s.name() + "' (created " + s.createdAt() + ")";
    }
}
