package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy bake}: placeholder until its engine lands. */
@Command(name = "bake", mixinStandardHelpOptions = true, description = "Bake a machine image with Packer and print the artifact.")
public final class BakeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy bake is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
