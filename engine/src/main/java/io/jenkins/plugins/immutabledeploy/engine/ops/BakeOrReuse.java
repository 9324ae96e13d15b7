package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.SkipIfExists;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.Snapshot;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerBaker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Bakes an image with Packer, or, when asked to and a DigitalOcean snapshot of the image's name already exists
 * (a re-run of the same release), returns that snapshot as a skipped bake without running Packer. Either way the
 * image goes into the journal. The lookup is an outbound call of the run ({@link RunContext#network()}).
 */
public final class BakeOrReuse {
    /** The {@code builder} of a skipped bake's result: the image came from DigitalOcean, not from a Packer build. */
    public static final String REUSED_BUILDER = "digitalocean";

    private BakeOrReuse() {}

    /**
     * What to bake, and whether an existing snapshot may stand in for it.
     *
     * @param bake the bake
     * @param skipIfExists whether an existing snapshot named {@code imageName} is returned instead of baking
     * @param imageName the exact snapshot name the bake creates; required with {@code skipIfExists}
     * @param apiUrl the DigitalOcean API base URL to look the snapshot up in, or null for the public API
     * @param tokenSource where the bake's token came from (a credentials id, an environment variable), named if
     *     DigitalOcean rejects it
     */
    public record Request(BakeRequest bake, boolean skipIfExists, String imageName, String apiUrl, String tokenSource) {
        /** Checks that a reuse can look the snapshot up, naming the fields as the bake's caller does. */
        public Request {
            Objects.requireNonNull(bake, "bake");
            Vocabulary n = bake.names();
            imageName = imageName == null || imageName.isBlank() ? null : imageName.trim();
            apiUrl = apiUrl == null || apiUrl.isBlank() ? DigitalOceanClient.DEFAULT_BASE_URL : apiUrl.trim();
            if (skipIfExists && imageName == null) {
                throw new IllegalArgumentException(n.name("skipIfExists") + ": set " + n.name("imageName")
                        + " to the exact snapshot name this bake creates, so a re-run can find it");
            }
            if (skipIfExists && bake.token() == null) {
                throw new IllegalArgumentException(n.name("skipIfExists") + ": needs " + n.name("token")
                        + ", the DigitalOcean token to look the snapshot up with");
            }
        }

        /**
         * @param bake the bake
         * @return a request that always bakes
         */
        public static Request bake(BakeRequest bake) {
            return new Request(bake, false, null, null, null);
        }
    }

    /**
     * Bakes, or reuses the existing snapshot.
     *
     * @param request what to bake
     * @param context the run
     * @return the image: baked, or the existing snapshot with {@code skipped} true
     * @throws io.jenkins.plugins.immutabledeploy.engine.packer.BakeFailedException when Packer fails or is stopped
     * @throws io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanException when the lookup fails
     */
    public static BakeResult run(Request request, RunContext context) {
        context.secrets().addAll(request.bake().secrets());
        // Looked up before Packer is even located: a re-run of a release needs no Packer.
        BakeResult result = existing(request, context).orElseGet(() -> new PackerBaker(context.files(),
                context.toolEnvironment()).bake(request.bake(), context.runner(), context.cancellation()));
        context.record(RunContext.Journal.BAKE, result.toMap());
        return result;
    }

    private static Optional<BakeResult> existing(Request request, RunContext context) {
        if (!request.skipIfExists()) {
            return Optional.empty();
        }
        Optional<BakeResult> found = Optional.ofNullable(context.call("the DigitalOcean snapshot lookup",
                new Lookup(request.apiUrl(), request.bake().token(), request.tokenSource(), request.imageName())))
                .map(BakeOrReuse::reused);
        context.log().info(found.map(r -> "Skipped the bake: snapshot " + request.imageName() + " already exists ("
                + r.artifactId() + ")").orElseGet(() -> "No DigitalOcean snapshot is named " + request.imageName()
                + "; baking it"));
        return found;
    }

    /** Looks up the snapshot of a name; null when there is none. */
    private record Lookup(String apiUrl, String token, String tokenSource, String imageName)
            implements RunContext.Work<Snapshot> {
        @Override
        public Snapshot make(BuildLog log, Cancellation cancellation, OkHttpClient http) {
            DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(apiUrl).token(token, tokenSource).log(log)
                    .httpClient(http).cancellation(cancellation).build();
            return SkipIfExists.existing(client, imageName).orElse(null);
        }

        @Override
        public Snapshot cancelled() {
            throw new DigitalOceanException("Cancelled: the DigitalOcean snapshot lookup of " + imageName
                    + " was stopped before it completed", 0, null, null);
        }

        /** Never the token. */
        @Override
        public String toString() {
            return "look up snapshot " + imageName + " at " + apiUrl;
        }
    }

    /**
     * An existing snapshot as a skipped bake, so a skipped bake and a real one have the same keys and value types:
     * its artifact id, id, name and regions, builder {@value #REUSED_BUILDER}, no builds, an empty Packer version
     * (Packer did not run), a duration of zero and {@code skipped} true.
     */
    private static BakeResult reused(Snapshot s) {
        return BakeResult.builder().artifactId(s.artifactId()).id(s.id()).name(s.name()).regions(s.regions())
                .builderId(REUSED_BUILDER).skipped(true).build();
    }
}
