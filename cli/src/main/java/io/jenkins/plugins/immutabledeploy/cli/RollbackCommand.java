package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.ops.RollBack;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy rollback --dir DIR [--to RECORD] [deploy options]}: redeploys the previous
 * successful deployment (or the named record) and, when {@code --url} is given, verifies it. Exit
 * code 0 when it rolled back (and verified healthy), 3 when the version returned to is not healthy
 * either, 1 when nothing was redeployed.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Redeploy the previous successful deployment record (or --to RECORD); verify it when --url is given.")
public final class RollbackCommand implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "RECORD", description = "The id of the record to return to (default: the previous successful one).")
    String to;

    @Mixin
    DeployOptions deploy = new DeployOptions();

    @Option(names = "--timeout", paramLabel = "D", description = "Time limit of the redeploy.")
    String timeout;

    @Option(names = "--url", paramLabel = "URL", description = "An endpoint to check after the redeploy (repeatable).")
    List<String> urls = new ArrayList<>();

    @Mixin
    VerifyCommand.CheckOptions checks = new VerifyCommand.CheckOptions();

    @Option(names = "--verify-timeout", paramLabel = "D", defaultValue = VerifyRequest.DEFAULT_TIMEOUT,
            description = "How long the endpoints have to become healthy after the redeploy (default: ${DEFAULT-VALUE}).")
    String verifyTimeout;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** The names of the checks' fields: their limit is {@code --verify-timeout}. */
    static final Vocabulary CHECK_NAMES = VerifyCommand.NAMES.with(Map.of("timeout", "--verify-timeout"));

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            VerifyRequest verify = urls.isEmpty() ? null : checks.request(cli, CHECK_NAMES, verifyTimeout, urls);
            deploy.timeout = timeout;
            RollbackOutcome outcome = RollBack.run(new RollBack.Request(deploy.request(cli).build(), to, verify),
                    cli.context(deploy.recordDir()));
            cli.print(outcome.toMap(), json, outcome.summary());
            if (!outcome.rolledBack()) {
                return ExitCodes.FAILED;
            }
            return Boolean.FALSE.equals(outcome.rollbackHealthy()) ? ExitCodes.VERIFY_FAILED : ExitCodes.OK;
        }
    }
}
