package io.jenkins.plugins.immutabledeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code immutable-deploy prune-images}: placeholder until its engine lands. */
@Command(name = "prune-images", mixinStandardHelpOptions = true, description = "Delete old DigitalOcean snapshots, never one in use.")
public final class PruneImagesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("immutable-deploy prune-images is not available in this build yet");
        return ExitCodes.FAILED;
    }
}
