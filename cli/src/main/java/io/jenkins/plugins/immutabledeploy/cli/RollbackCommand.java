package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy rollback}: placeholder until its engine lands. */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = "Redeploy the previous successful deployment record.")
public final class RollbackCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy rollback is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
