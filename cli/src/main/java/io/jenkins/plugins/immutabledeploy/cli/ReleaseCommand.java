package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy release}: placeholder until its engine lands. */
@Command(name = "release", mixinStandardHelpOptions = true, description = "GitHub releases: the latest one, or verify a webhook delivery.")
public final class ReleaseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy release is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
