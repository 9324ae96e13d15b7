package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthVerifier;
import io.jenkins.plugins.immutabledeploy.engine.verify.Rollback;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.verify.RollbackRequest;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code immutable-deploy rollback --dir DIR [--to RECORD]}: redeploys the previous successful
 * deployment (or the named record) and, when {@code --url} is given, verifies it.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Redeploy the previous successful deployment record (or --to RECORD); verify it when --url is given.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    Where where = new Where();

    @Option(names = "--to", paramLabel = "RECORD", description = "The id of the record to return to (default: the previous successful one).")
    String to;

    @Mixin
    VerifyCommand.CheckOptions checks = new VerifyCommand.CheckOptions();

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (Cli cli = new Cli()) {
            if (where.dir == null) {
                throw new IllegalArgumentException("--dir: the configuration whose deployment to roll back is required");
            }
            VerifyRequest verify = checks.request(cli, false);
            RollbackOutcome outcome = rollback(cli, where).rollBack(where.request(to), verify, cli.log(), cli.cancellation());
            cli.print(outcome.toMap(), json, outcome.summary());
            if (!outcome.rolledBack()) {
                return ExitCodes.FAILED;
            }
            return Boolean.FALSE.equals(outcome.rollbackHealthy()) ? ExitCodes.VERIFY_FAILED : ExitCodes.OK;
        }
    }

    /**
     * Builds the rollback engine for a CLI run.
     *
     * @param cli the run
     * @param where the configuration and record store
     * @return the rollback engine
     */
    static Rollback rollback(Cli cli, Where where) {
        return new Rollback((record, log, cancellation) -> {
            throw new EngineException("redeploying is not available in this build yet");
        }, new HealthVerifier());
    }

    /** Which deployment: shared by {@code verify --rollback} and {@code rollback}. */
    static final class Where {
        @Option(names = "--dir", paramLabel = "DIR", description = "The Terraform/OpenTofu configuration folder that was deployed.")
        Path dir;

        @Option(names = "--workspace", paramLabel = "W", defaultValue = "default", description = "The workspace (default: ${DEFAULT-VALUE}).")
        String workspace;

        @Option(names = "--record-dir", paramLabel = "D", defaultValue = FileRecordStore.DEFAULT_ROOT,
                description = "Where deployment records are kept (default: ${DEFAULT-VALUE}).")
        Path recordDir;

        RollbackRequest request(String to) {
            return new RollbackRequest(new FileRecordStore(recordDir), dir.toString(), workspace, to, null);
        }
    }
}
