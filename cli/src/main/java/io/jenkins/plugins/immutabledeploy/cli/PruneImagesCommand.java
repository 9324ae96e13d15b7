package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.ops.Prune;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** The options' names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.OPTIONS.with(Map.of("token", "--token-env"));

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            // Checked before the token is read, so usage errors come first.
            PruneRequest request = PruneRequest.builder().names(NAMES).prefix(prefix).regex(regex).keep(keep)
                    .protect(protect).dryRun(dryRun).apiUrl(apiUrl).build();
            String token = cli.secretFromEnv("--token-env", tokenEnv);
            PruneResult result = Prune.run(new Prune.Request(request, token, tokenEnv), cli.context(recordsDir));
            cli.print(result.toMap(), json, summary(result));
            return ExitCodes.OK;
        }
    }

    private static String summary(PruneResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.dryRun() ? "Would delete " : "Deleted ").append(r.deleted().size()).append(" snapshot(s); kept ")
                .append(r.kept().size()).append(", protected ").append(r.protectedImages().size());
        String deleted = r.dryRun() ? "would delete" : "deleted";
        r.deleted().forEach(s -> line(sb, deleted, s.id(), s.name(), s.createdAt()));
        r.kept().forEach(s -> line(sb, "kept", s.id(), s.name(), s.createdAt()));
        r.protectedImages().forEach(s -> line(sb, "protected", s.id(), s.name(), s.createdAt()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String id, String name, Object created) {
        sb.append(System.lineSeparator()).append("  ").append(label).append(' ').append(id).append(' ').append(name)
                .append(" (").append(created).append(')');
    }
}
