package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen;
import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseChecks;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy blue-green --dir DIR --image ID}: releases an image in phases, so a bad release never takes
 * traffic (candidate beside the live servers, checked on its own address; promoted; checked through the stable
 * address; the old servers retired, or the release discarded or switched back). Exit code 0 when promoted and
 * healthy, 3 when discarded or switched back, 1 when the release could not be carried out.
 */
@Command(name = "blue-green", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Release an image so that a bad release never takes traffic.",
            "candidate (beside the live servers) -> check it on its own address -> promote (the stable address"
                    + " switches; the old servers stay) -> check through the stable address -> retire the old servers.",
            "A failed candidate is discarded (nothing live was touched); a failed promotion switches back to the old"
                    + " servers, then the new ones are discarded. Each phase is a saved plan, gated and recorded."})
public final class BlueGreenCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "ID", description = "The image to release (e.g. the id bake printed).")
    String image;

    @Mixin
    DeployOptions deploy = new DeployOptions();

    @Option(names = "--deploy-timeout", paramLabel = "D", description = "Time limit of each phase's deploy.")
    String deployTimeout;

    @Mixin
    VerifyCommand.CheckOptions checks = new VerifyCommand.CheckOptions();

    @Option(names = "--timeout", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_TIMEOUT,
            description = "How long the candidate, then the stable address, have to become healthy (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--health-path", paramLabel = "P",
            description = "A path added to the addresses the outputs name, e.g. /health (default: none).")
    String healthPath;

    @Option(names = "--live-var", paramLabel = "V", defaultValue = BlueGreen.Contract.LIVE_VARIABLE,
            description = "The configuration's variable for the live image (default: ${DEFAULT-VALUE}).")
    String liveVar;

    @Option(names = "--candidate-var", paramLabel = "V", defaultValue = BlueGreen.Contract.CANDIDATE_VARIABLE,
            description = "The configuration's variable for the candidate image, default \"\" (default: ${DEFAULT-VALUE}).")
    String candidateVar;

    @Option(names = "--url-output", paramLabel = "O", defaultValue = BlueGreen.Contract.URL_OUTPUT,
            description = "The output holding the stable address (default: ${DEFAULT-VALUE}).")
    String urlOutput;

    @Option(names = "--candidate-url-output", paramLabel = "O", defaultValue = BlueGreen.Contract.CANDIDATE_URL_OUTPUT,
            description = "The output holding the candidate's own address (default: ${DEFAULT-VALUE}).")
    String candidateUrlOutput;

    @Option(names = "--keep-standby", paramLabel = "D", defaultValue = "0s",
            description = "How long the old servers stay after the new ones passed through the stable address (default: ${DEFAULT-VALUE}).")
    String keepStandby;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The names of the release's fields: {@code --timeout} is the checks' limit, each phase's is {@code --deploy-timeout}. */
    static final Vocabulary NAMES = DeployOptions.NAMES.with(Map.of("timeout", "--deploy-timeout"));

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            deploy.timeout = deployTimeout;
            VerifyRequest http = checks.request(cli, VerifyCommand.NAMES, timeout, List.of(ReleaseChecks.ADDRESS));
            BlueGreen.Request request = new BlueGreen.Request(deploy.request(cli).names(NAMES).build(), image,
                    new ReleaseChecks(http, healthPath),
                    new BlueGreen.Contract(liveVar, candidateVar, urlOutput, candidateUrlOutput, NAMES),
                    Durations.parse("--keep-standby", keepStandby));
            BlueGreen.Result result;
            try {
                result = BlueGreen.run(request, cli.context(deploy.recordDir()));
            } catch (BlueGreen.ReleaseException e) {
                if (json) {
                    cli.print(e.toMap(), true, "");
                }
                throw e;
            }
            cli.print(result.toMap(), json, summary(result));
            return result.succeeded() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        }
    }

    /**
     * The release in a few lines for people.
     *
     * @param result how it ended
     * @return the summary
     */
    static String summary(BlueGreen.Result result) {
        StringBuilder sb = new StringBuilder(result.outcome()).append(": ").append(result.message());
        for (BlueGreen.PhaseResult p : result.phases()) {
            var s = p.deploy().summary();
            sb.append("\n  ").append(p.name()).append(": add ").append(s.add()).append(", change ").append(s.change())
                    .append(", replace ").append(s.replace()).append(", destroy ").append(s.destroy())
                    .append(" (record ").append(p.deploy().record()).append(')');
        }
        if (result.restoreSeconds() != null) {
            sb.append("\nrestored in ").append(result.restoreSeconds()).append(" s");
        }
        return sb.toString();
    }
}
