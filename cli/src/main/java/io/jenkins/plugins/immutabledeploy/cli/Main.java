package io.jenkins.plugins.immutabledeploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code immutable-deploy} command line: the engine from a shell. */
@Command(
        name = "immutable-deploy",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Bake an image with Packer, deploy it with Terraform/OpenTofu, verify it, roll back when it is bad.",
        subcommands = {
            BakeCommand.class,
            DeployCommand.class,
            VerifyCommand.class,
            RollbackCommand.class,
            BlueGreenCommand.class,
            PruneImagesCommand.class,
            ReleaseCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the work failed (a tool failed, a gate stopped the deploy, an API refused)",
            "2:usage error (a bad option or value)",
            "3:verification failed (whether or not a rollback succeeded)",
            "4:drift: a plan-only run found changes",
            "5:a webhook signature did not verify"
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(args);
        Cli.commandFinished();
        System.exit(code);
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** @return the configured command line */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Cli.ErrorHandler());
        cl.setParameterExceptionHandler(new Cli.UsageHandler());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"immutable-deploy " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version")};
        }
    }
}
