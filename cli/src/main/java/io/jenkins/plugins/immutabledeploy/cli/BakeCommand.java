package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.SkipIfExists;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeFailedException;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeRequest;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.packer.OnError;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerBaker;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy bake}: runs Packer on a template and prints the image it baked. Secret
 * variables and the cloud token are read from environment variables named on the command line,
 * never given as values.
 */
@Command(name = "bake", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bake a machine image with Packer and print the artifact.")
public final class BakeCommand implements Callable<Integer> {
    @Option(names = "--template", required = true, paramLabel = "PATH",
            description = "A Packer template: a legacy .json file, a .pkr.hcl file or a folder of .pkr.hcl files.")
    String template;

    @Option(names = "--var", paramLabel = "K=V", description = "A variable, passed as -var (never a secret: use --secret-var).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "F", description = "A variables file, passed as -var-file.")
    List<String> varFiles = new ArrayList<>();

    @Option(names = "--secret-var", paramLabel = "NAME=ENVVAR",
            description = "A secret variable: Packer gets the value of ENVVAR as PKR_VAR_NAME; it is masked everywhere.")
    Map<String, String> secretVars = new LinkedHashMap<>();

    @Option(names = "--token-env", paramLabel = "ENVVAR",
            description = "The environment variable holding the DigitalOcean token; Packer gets it as DIGITALOCEAN_TOKEN and DIGITALOCEAN_API_TOKEN.")
    String tokenEnv;

    @Option(names = "--only", paramLabel = "B", split = ",", description = "Run only these builds (-only).")
    List<String> only = new ArrayList<>();

    @Option(names = "--except", paramLabel = "B", split = ",", description = "Skip these builds (-except).")
    List<String> except = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "cleanup|abort|run-cleanup-provisioner", defaultValue = "cleanup",
            description = "What Packer does when a build fails (default: ${DEFAULT-VALUE}).")
    String onError;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop the bake after this long (e.g. 30m): Packer is interrupted and given time to clean up.")
    String timeout;

    @Option(names = "--packer", paramLabel = "PATH", description = "The Packer executable (default: $IMMUTABLE_DEPLOY_TOOLS/packer, then PATH).")
    String packer;

    @Option(names = "--skip-if-exists", paramLabel = "NAME",
            description = "When a DigitalOcean snapshot named exactly NAME exists, print it (skipped: true) instead of "
                    + "baking again; needs --token-env.")
    String skipIfExists;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = DigitalOceanClient.DEFAULT_BASE_URL,
            description = "DigitalOcean API base URL for --skip-if-exists (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            BakeRequest.Builder b = BakeRequest.builder(template)
                    .vars(vars)
                    .only(only)
                    .except(except)
                    .onError(OnError.parse("--on-error", onError))
                    .timeout(timeout == null ? null : Durations.parse("--timeout", timeout));
            varFiles.forEach(b::varFile);
            secretVars.forEach((name, variable) -> b.secretVar(name, cli.secretFromEnv("--secret-var " + name, variable)));
            if (skipIfExists != null && tokenEnv == null) {
                throw new IllegalArgumentException("--skip-if-exists: needs --token-env to look the snapshot up on "
                        + "DigitalOcean");
            }
            if (tokenEnv != null) {
                String token = cli.secretFromEnv("--token-env", tokenEnv);
                b.cloudToken(token);
                if (skipIfExists != null) {
                    // Looked up before Packer is even located: a re-run of a release needs no Packer.
                    DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(apiUrl).token(token, tokenEnv)
                            .log(cli.log()).cancellation(cli.cancellation()).build();
                    Optional<BakeResult> existing = SkipIfExists.check(client, skipIfExists);
                    if (existing.isPresent()) {
                        cli.print(existing.get().toMap(), json, "Skipped the bake: snapshot " + skipIfExists
                                + " already exists (" + existing.get().artifactId() + ")");
                        return ExitCodes.OK;
                    }
                    cli.log().info("No DigitalOcean snapshot is named " + skipIfExists + "; baking it");
                }
            }
            b.packer(ToolLocator.find(packer, System.getenv(), "packer").toString());
            BakeRequest request = b.build();
            ProcessRunner runner = cli.runner(ProcessRunner.DEFAULT_GRACE);
            BakeResult result;
            try {
                result = new PackerBaker().bake(request, runner, cli.cancellation());
            } catch (BakeFailedException e) {
                // Printed before the run is closed: after Ctrl-C, closing lets the JVM exit at once.
                cli.log().error(e.getMessage());
                return ExitCodes.FAILED;
            }
            cli.print(result.toMap(), json, summary(result));
            return ExitCodes.OK;
        }
    }

    /**
     * The few lines printed without {@code --json}.
     *
     * @param r the result
     * @return the summary
     */
    static String summary(BakeResult r) {
        long builds = r.builds().stream().map(a -> a.build()).distinct().count();
        return "Baked " + PackerBaker.describe(r) + "\n"
                + "  " + r.builds().size() + " artifact(s) from " + builds + " build(s), Packer "
                + (r.packerVersion().isEmpty() ? "(version unknown)" : r.packerVersion()) + ", "
                + Durations.format(java.time.Duration.ofMillis(Math.round(r.durationSeconds() * 1000)));
    }
}
