package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ImagePruner;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ProtectedImages;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.Snapshot;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy prune-images}: deletes old DigitalOcean snapshots, keeping the newest N
 * of those whose name matches, the ids given with {@code --protect}, and the images the latest
 * successful deployment of every configuration under {@code --records-dir} runs on.
 */
@Command(name = "prune-images", mixinStandardHelpOptions = true,
        description = "Delete old DigitalOcean snapshots, never one in use.")
public final class PruneImagesCommand implements Callable<Integer> {
    @Option(names = "--token-env", required = true, paramLabel = "ENVVAR",
            description = "Environment variable holding the DigitalOcean API token (never pass the token itself).")
    String tokenEnv;

    @Option(names = "--prefix", paramLabel = "P", description = "Consider only snapshots whose name starts with P.")
    String prefix;

    @Option(names = "--regex", paramLabel = "R", description = "Consider only snapshots whose whole name matches R.")
    String regex;

    @Option(names = "--keep", required = true, paramLabel = "N",
            description = "How many of the newest matching snapshots to keep (at least 1).")
    int keep;

    @Option(names = "--protect", paramLabel = "ID",
            description = "An image id (or Packer artifact id region:ID) never to delete; repeatable.")
    List<String> protect = new ArrayList<>();

    @Option(names = "--records-dir", paramLabel = "D", defaultValue = FileRecordStore.DEFAULT_ROOT,
            description = "Deployment records; the images their latest successful deploys use are protected "
                    + "(default: ${DEFAULT-VALUE}).")
    Path recordsDir;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = DigitalOceanClient.DEFAULT_BASE_URL,
            description = "DigitalOcean API base URL (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            // Validate the request before the token is read, so usage errors come first.
            PruneRequest.Builder request = PruneRequest.builder().prefix(prefix).regex(regex).keep(keep)
                    .protect(protect).dryRun(dryRun);
            request.build();
            String token = cli.secretFromEnv("--token-env", tokenEnv);
            List<DeploymentRecord> latest = ProtectedImages.latestSuccessful(recordsDir);
            cli.log().info("Protecting " + protect.size() + " image id(s) given with --protect and the images of "
                    + latest.size() + " deployment(s) recorded under " + recordsDir);
            DigitalOceanClient client = DigitalOceanClient.builder()
                    .baseUrl(apiUrl)
                    .token(token, tokenEnv)
                    .log(cli.log())
                    .cancellation(cli.cancellation())
                    .build();
            PruneResult result = new ImagePruner(client, cli.log()).prune(request.protectRecords(latest).build());
            cli.print(result.toMap(), json, summary(result));
            return ExitCodes.OK;
        }
    }

    private static String summary(PruneResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.dryRun() ? "Would delete " : "Deleted ").append(r.deleted().size()).append(" snapshot(s); kept ")
                .append(r.kept().size()).append(", protected ").append(r.protectedImages().size());
        lines(sb, r.dryRun() ? "would delete" : "deleted", r.deleted());
        lines(sb, "kept", r.kept());
        lines(sb, "protected", r.protectedImages());
        return sb.toString();
    }

    private static void lines(StringBuilder sb, String label, List<Snapshot> list) {
        for (Snapshot s : list) {
            sb.append(System.lineSeparator()).append("  ").append(label).append(' ').append(s.id()).append(' ')
                    .append(s.name()).append(" (").append(s.createdAt()).append(')');
        }
    }
}
