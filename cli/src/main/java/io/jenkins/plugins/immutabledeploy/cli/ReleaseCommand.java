package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.ops.WatchReleases;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy release}: GitHub releases from a shell. {@code latest} prints a
 * repository's newest release; {@code verify} checks one webhook delivery the way the Jenkins
 * endpoint does and prints the release it carries.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "GitHub releases: the latest one, or verify a webhook delivery.",
        subcommands = {ReleaseCommand.Latest.class, ReleaseCommand.Verify.class})
public final class ReleaseCommand implements Runnable {
    /** The options' names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.OPTIONS.with(Map.of("repository", "--repo"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: latest or verify");
    }

    /**
     * The lines that describe a release to a person.
     *
     * @param r the release
     * @return tag and title, page, assets
     */
    static String describe(Release r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.tagName()).append("  ").append(r.displayName())
                .append(r.prerelease() ? "  (pre-release)" : "")
                .append("\n  ").append(r.repository()).append("  ").append(r.htmlUrl() == null ? "" : r.htmlUrl());
        if (r.assets().isEmpty()) {
            sb.append("\n  no assets");
        } else {
            sb.append("\n  ").append(r.assets().size()).append(" asset(s): ")
                    .append(r.assets().stream().map(Release.Asset::name).collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    /** {@code release latest}: the newest published release of a repository. */
    @Command(name = "latest", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the newest published release of a repository (drafts never count).")
    static final class Latest implements Callable<Integer> {
        @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The repository.")
        String repo;

        @Option(names = "--api-url", paramLabel = "URL", defaultValue = WatchReleases.GITHUB_API_URL,
                description = "The GitHub API (default: ${DEFAULT-VALUE}; GitHub Enterprise Server: https://HOST/api/v3).")
        String apiUrl;

        @Option(names = "--token-env", paramLabel = "ENVVAR",
                description = "The environment variable holding an API token (needed for private repositories; raises the rate limit).")
        String tokenEnv;

        @Option(names = "--include-prereleases", description = "Count releases marked as pre-releases.")
        boolean includePrereleases;

        @Option(names = "--json", description = "Print the release as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            try (Cli cli = new Cli()) {
                // Waits for a rate-limit reset (capped, and Ctrl-C ends the wait at once).
                WatchReleases watch = new WatchReleases(new WatchReleases.Request(repo, null, includePrereleases, apiUrl,
                        NAMES), line -> cli.context().log().info(line), cli.context().http(), cli.context().cancellation(),
                        WatchReleases.DEFAULT_MAX_WAIT);
                String token = tokenEnv == null ? null : cli.secretFromEnv("--token-env", tokenEnv);
                Release release = watch.latest(token)
                        .orElseThrow(() -> new EngineException(repo + " has no published release"
                                + (includePrereleases ? "" : " that is not a pre-release (--include-prereleases counts those)")));
                cli.print(release.toMap(), json, describe(release));
                return ExitCodes.OK;
            }
        }
    }

    /** {@code release verify}: one webhook delivery, checked as the Jenkins endpoint checks it. */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Verify one webhook delivery read from standard input and print the release it carries.",
                "Exit code 5 when the signature does not verify, 2 when the body is unusable (malformed, too large)."})
    static final class Verify implements Callable<Integer> {
        @Option(names = "--secret-env", required = true, paramLabel = "ENVVAR",
                description = "The environment variable holding the webhook secret.")
        String secretEnv;

        @Option(names = "--signature", required = true, paramLabel = "SIG",
                description = "The delivery's X-Hub-Signature-256 header: sha256=<hex>.")
        String signature;

        @Option(names = "--event", paramLabel = "E", defaultValue = "release",
                description = "The delivery's X-GitHub-Event header (default: ${DEFAULT-VALUE}).")
        String event;

        @Option(names = "--delivery", paramLabel = "ID", description = "The delivery's X-GitHub-Delivery header.")
        String delivery;

        @Option(names = "--json", description = "Print the outcome as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (Cli cli = new Cli()) {
                String secret = cli.secretFromEnv("--secret-env", secretEnv);
                byte[] body = WatchReleases.readBody(System.in);
                // Any repository, pre-releases too: the delivery is checked on its own, as the endpoint checks it.
                WatchReleases any = new WatchReleases(new WatchReleases.Request(null, null, true, null, NAMES),
                        line -> cli.context().log().info(line));
                WebhookOutcome outcome = any.check(WatchReleases.deliveryHeaders(signature, event, delivery), body,
                        secret);
                int code = exitCode(outcome);
                if (json) {
                    cli.print(outcome.toMap(), true, "");
                } else if (code == ExitCodes.OK) {
                    cli.print(outcome.toMap(), false, outcome.status() + " " + outcome.message()
                            + (outcome.release() == null ? "" : "\n" + describe(outcome.release())));
                } else {
                    cli.context().log().error(outcome.status() + " " + outcome.message());
                }
                return code;
            }
        }

        /** Signature failures (401, 403) are 5; an unusable body (400, 413) is a usage error, 2. */
        static int exitCode(WebhookOutcome outcome) {
            if (outcome.accepted()) {
                return ExitCodes.OK;
            }
            return outcome.status() == 401 || outcome.status() == 403 ? ExitCodes.BAD_SIGNATURE : ExitCodes.USAGE;
        }
    }
}
