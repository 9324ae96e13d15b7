package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.VerifyOrRollBack;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy verify}: checks endpoints until they are healthy; with {@code --rollback}
 * redeploys the previous successful deployment when they are not. Exit code 3 when verification
 * failed, whether or not the rollback succeeded.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Health-check endpoints until they are healthy; optionally roll back.")
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "An endpoint to check (repeat for several; checked in parallel).")
    List<String> urls = new ArrayList<>();

    @Mixin
    CheckOptions checks = new CheckOptions();

    @Option(names = "--timeout", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_TIMEOUT,
            description = "How long the endpoints have to become healthy (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--rollback", description = "When verification fails, redeploy the previous successful deployment"
            + " of --dir and verify it with the same checks (the run still fails).")
    boolean rollback;

    @Mixin
    RollbackOptions where = new RollbackOptions();

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The options' names for the checks' fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.OPTIONS.with(Map.of("urls", "--url", "headers", "--header",
            "secretHeaders", "--secret-header"));

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            VerifyRequest request = checks.request(cli, NAMES, timeout, urls);
            DeployOptions redeploy = where.deployOptions();
            VerifyOrRollBack.Result result = VerifyOrRollBack.run(new VerifyOrRollBack.Request(request, rollback,
                    where.dir != null ? redeploy.request(cli).names(RollbackOptions.NAMES).build() : null),
                    cli.context(redeploy.recordDir()));
            cli.print(result.toMap(), json, result.summary());
            if (result.healthy()) {
                return ExitCodes.OK;
            }
            return result.cancelled() ? ExitCodes.FAILED : ExitCodes.VERIFY_FAILED;
        }
    }

    /**
     * The deploy options {@code verify --rollback} offers: a subset of {@link DeployOptions}, because
     * there {@code --dir} is optional and {@code --timeout} is the health checks' limit. The redeploy
     * itself goes through {@link DeployOptions}, so it behaves as {@code deploy} and {@code rollback} do.
     */
    static final class RollbackOptions {
        /** The names of the redeploy's fields: {@code --timeout} is the checks' limit, the redeploy's is this. */
        static final Vocabulary NAMES = DeployOptions.NAMES.with(Map.of("timeout", "--deploy-timeout"));

        @Option(names = "--dir", paramLabel = "DIR", description = "The Terraform/OpenTofu configuration folder that was"
                + " deployed: its newest record is marked verified healthy or failed (needed with --rollback).")
        String dir;

        @Option(names = "--workspace", paramLabel = "W", description = "The workspace (default: the current one, 'default').")
        String workspace;

        @Option(names = "--record-dir", paramLabel = "D", defaultValue = FileRecordStore.DEFAULT_ROOT,
                description = "Where deployment records are kept (default: ${DEFAULT-VALUE}).")
        Path recordDir;

        @Option(names = "--terraform", paramLabel = "PATH",
                description = "The tofu/terraform executable (default: tofu, then terraform, from $IMMUTABLE_DEPLOY_TOOLS or PATH).")
        String terraform;

        @Option(names = "--token-env", paramLabel = "ENVVAR", description = "The environment variable holding the cloud API token.")
        String tokenEnv;

        @Option(names = "--allow-destroy", description = "Let the redeploy delete resources that are not part of a replacement.")
        boolean allowDestroy;

        @Option(names = "--allow-destroy-first", description = "Let the redeploy replace resources destroy-first (downtime).")
        boolean allowDestroyFirst;

        @Option(names = "--deploy-timeout", paramLabel = "D", description = "Time limit of the redeploy.")
        String deployTimeout;

        /** @return these options as the deploy command's */
        DeployOptions deployOptions() {
            DeployOptions d = new DeployOptions();
            d.dir = dir;
            d.workspace = workspace;
            d.recordDir = recordDir;
            d.terraform = terraform;
            d.tokenEnv = tokenEnv;
            d.allowDestroy = allowDestroy;
            d.allowDestroyFirst = allowDestroyFirst;
            d.timeout = deployTimeout;
            d.lockTimeout = "0s";
            return d;
        }
    }

    /**
     * The settings of the health checks, shared by {@code verify}, {@code rollback} and {@code blue-green}; the URLs are
     * each command's (in {@code blue-green}, the configuration's outputs).
     */
    static final class CheckOptions {
        @Option(names = "--method", paramLabel = "GET|HEAD", defaultValue = VerifyRequest.DEFAULT_METHOD,
                description = "The HTTP method (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--header", paramLabel = "K=V", description = "A request header (never a secret: use --secret-header).")
        Map<String, String> headers = new LinkedHashMap<>();

        @Option(names = "--secret-header", paramLabel = "K=ENVVAR",
                description = "A request header whose secret value is read from an environment variable; masked everywhere.")
        Map<String, String> secretHeaders = new LinkedHashMap<>();

        @Option(names = "--status", paramLabel = "RANGES", defaultValue = VerifyRequest.DEFAULT_STATUS,
                description = "Accepted status codes, e.g. 200 or 200:299,301 (default: ${DEFAULT-VALUE}).")
        String status;

        @Option(names = "--body-regex", paramLabel = "R", description = "A regular expression the body must contain.")
        String bodyRegex;

        @Option(names = "--json-pointer", paramLabel = "P", description = "A JSON pointer into the body, e.g. /status.")
        String jsonPointer;

        @Option(names = "--json-expect", paramLabel = "V", description = "The value expected at --json-pointer, e.g. UP.")
        String jsonExpect;

        @Option(names = "--json-expect-regex", paramLabel = "R", description = "A regular expression the value at --json-pointer must match.")
        String jsonExpectRegex;

        @Option(names = "--attempt-timeout", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_ATTEMPT_TIMEOUT,
                description = "Time limit of one attempt (default: ${DEFAULT-VALUE}).")
        String attemptTimeout;

        @Option(names = "--interval", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_INTERVAL,
                description = "Time between attempts (default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--initial-delay", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_INITIAL_DELAY,
                description = "Wait before the first attempt (default: ${DEFAULT-VALUE}).")
        String initialDelay;

        @Option(names = "--success-threshold", paramLabel = "N", defaultValue = "" + VerifyRequest.DEFAULT_SUCCESS_THRESHOLD,
                description = "Passing attempts in a row that make an endpoint healthy (default: ${DEFAULT-VALUE}).")
        int successThreshold;

        @Option(names = "--failure-threshold", paramLabel = "N", defaultValue = "" + VerifyRequest.DEFAULT_FAILURE_THRESHOLD,
                description = "Failing attempts in a row, after an endpoint has passed once, that fail it (default: ${DEFAULT-VALUE}).")
        int failureThreshold;

        @Option(names = "--ca-file", paramLabel = "F", description = "A PEM file of CA certificates trusted besides the system's.")
        Path caFile;

        @Option(names = "--insecure", description = "Check no TLS certificate or host name (logged as a warning on every run).")
        boolean insecure;

        /**
         * @param cli the run (secret header values are read from its environment and registered)
         * @param names the command's names for the checks' fields
         * @param timeout the overall timeout
         * @param urls the endpoints
         * @return the request
         */
        VerifyRequest request(Cli cli, Vocabulary names, String timeout, List<String> urls) {
            Map<String, String> secretValues = new LinkedHashMap<>();
            secretHeaders.forEach((name, env) -> secretValues.put(name, cli.secretFromEnv("--secret-header " + name, env)));
            return VerifyRequest.builder().names(names).caFile(caFile).insecure(insecure).urls(urls, c -> {
                c.method(method)
                        .status(status)
                        .bodyRegex(bodyRegex)
                        .jsonPointer(jsonPointer)
                        .jsonExpect(jsonExpect)
                        .jsonExpectRegex(jsonExpectRegex)
                        .attemptTimeout(attemptTimeout)
                        .interval(interval)
                        .initialDelay(initialDelay)
                        .successThreshold(successThreshold)
                        .failureThreshold(failureThreshold)
                        .timeout(timeout);
                headers.forEach(c::header);
                secretValues.forEach(c::secretHeader);
                return c;
            }).build();
        }
    }
}
