package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy verify}: placeholder until its engine lands. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Health-check endpoints until they are healthy; optionally roll back.")
public final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy verify is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
