package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ImagePruner;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneFailedException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Deletes old DigitalOcean snapshots, never the newest ones kept, the ones asked to be kept, or any image a
 * deployment of the run's record store runs on now. What was deleted goes into the journal, also when a delete
 * fails part-way. A cancel interrupts the calls to DigitalOcean and any wait between them; the snapshots not yet
 * deleted stay. The calls to DigitalOcean are outbound calls of the run ({@link RunContext#network()}); which images
 * are live is read from the run's record store before they start.
 */
public final class Prune {
    private Prune() {}

    /**
     * What to prune, and the token to do it with.
     *
     * @param prune which snapshots, how many to keep, what to protect
     * @param token the DigitalOcean API token
     * @param tokenSource where the token came from (a credentials id, an environment variable), named if it is
     *     rejected
     */
    public record Request(PruneRequest prune, String token, String tokenSource) {
        /** Requires the token, naming it as the caller does. */
        public Request {
            Objects.requireNonNull(prune, "prune");
            Vocabulary n = prune.names();
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException(n.name("token") + " is required. It names the DigitalOcean API token"
                        + " to list and delete snapshots with.");
            }
        }
    }

    /**
     * Prunes.
     *
     * @param request what to prune
     * @param context the run
     * @return what was deleted, kept and protected
     * @throws PruneFailedException when a delete fails; what was deleted before is in the journal too
     * @throws io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException when the token is rejected
     *     or the snapshots cannot be listed
     */
    public static PruneResult run(Request request, RunContext context) {
        context.secrets().add(request.token());
        PruneRequest prune = request.prune();
        List<DeploymentRecord> live = context.records().deployedNow();
        context.log().info("Protecting the " + prune.protectedIds().size() + " image id(s) given in "
                + prune.names().name("protect") + " and the images of the " + live.size()
                + " latest successful deployment(s) recorded");
        PruneResult result;
        try {
            result = context.call("the DigitalOcean prune", new Deletes(prune.protectingAlso(live), request.token(),
                    request.tokenSource()));
        } catch (PruneFailedException e) {
            context.record(RunContext.Journal.PRUNE, e.partial().toMap());
            throw e;
        }
        context.record(RunContext.Journal.PRUNE, result.toMap());
        return result;
    }

    /** Lists, decides and deletes. */
    private record Deletes(PruneRequest prune, String token, String tokenSource) implements RunContext.Work<PruneResult> {
        @Override
        public PruneResult make(BuildLog log, Cancellation cancellation, OkHttpClient http) {
            DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(prune.apiUrl()).token(token, tokenSource)
                    .log(log).httpClient(http).cancellation(cancellation).build();
            return new ImagePruner(client, log).prune(prune);
        }

        /** What it deleted before the cancel is in the log, line by line; the rest stays. */
        @Override
        public PruneResult cancelled() {
            throw new DigitalOceanException("Cancelled: the prune was stopped before it completed; the snapshots it"
                    + " deleted before are listed in the log, the others stay", 0, null, null);
        }

        /** Never the token. */
        @Override
        public String toString() {
            return "prune " + prune.filterDescription() + " at " + prune.apiUrl();
        }
    }
}
