package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.Rollback;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.TerraformRedeployer;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
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

    @Mixin
    VerifyCommand.CheckOptions checks = new VerifyCommand.CheckOptions();

    @Option(names = "--verify-timeout", paramLabel = "D", defaultValue = "5m",
            description = "How long the endpoints have to become healthy after the redeploy (default: ${DEFAULT-VALUE}).")
    String verifyTimeout;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            if (!deploy.vars.isEmpty() || !deploy.varFiles.isEmpty()) {
                throw new IllegalArgumentException("--var: a rollback deploys the variables its record holds;"
                        + " remove --var and --var-file (use --to RECORD to choose the record)");
            }
            VerifyRequest verify = checks.request(cli, false, "--verify-timeout", verifyTimeout);
            RollbackOutcome outcome = rollback(cli, deploy).rollBack(where(deploy, to), verify, cli.log(),
                    cli.cancellation());
            cli.print(outcome.toMap(), json, outcome.summary());
            if (!outcome.rolledBack()) {
                return ExitCodes.FAILED;
            }
            return Boolean.FALSE.equals(outcome.rollbackHealthy()) ? ExitCodes.VERIFY_FAILED : ExitCodes.OK;
        }
    }

    /**
     * Builds the rollback engine for a CLI run: the deploy engine with the run's deploy options.
     *
     * @param cli the run
     * @param deploy the deploy options (tool, token, gate permissions, time limit, record folder)
     * @return the rollback engine
     */
    static Rollback rollback(Cli cli, DeployOptions deploy) {
        // The CLI records a secret variable's environment variable name as its source, so the
        // rollback reads the value from the same variable again.
        return new Rollback(new TerraformRedeployer(deploy.deployer(cli), System::getenv,
                b -> deploy.withSettings(b, cli)), new HealthVerifier());
    }

    /**
     * @param deploy the deploy options naming the configuration, workspace and record folder
     * @param to the record to return to, or null for the previous successful one
     * @return where the rollback looks
     */
    static RollbackRequest where(DeployOptions deploy, String to) {
        return new RollbackRequest(deploy.recordStore(), deploy.dir(), deploy.workspace, to, null);
    }
}
