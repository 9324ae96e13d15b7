package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy deploy}: placeholder until its engine lands. */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Plan and apply a Terraform/OpenTofu configuration behind the destroy gate.")
public final class DeployCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy deploy is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
