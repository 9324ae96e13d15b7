package io.jenkins.plugins.immutabledeploy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code immutable-deploy} command line: the engine from a shell. */
@Command(
        name = "immutable-deploy",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Bake an image with Packer, deploy it with Terraform/OpenTofu, verify it, roll back when it is bad.",
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
    /** The subcommands, in the order the help lists them; added in {@link #commandLine(String...)}. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("bake", BakeCommand::new);
        SUBCOMMANDS.put("deploy", DeployCommand::new);
        SUBCOMMANDS.put("verify", VerifyCommand::new);
        SUBCOMMANDS.put("rollback", RollbackCommand::new);
        SUBCOMMANDS.put("blue-green", BlueGreenCommand::new);
        SUBCOMMANDS.put("prune-images", PruneImagesCommand::new);
        SUBCOMMANDS.put("release", ReleaseCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Cli.logToProcessStderr();
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
        return commandLine(args).execute(args);
    }

    /** @return the configured command line with every subcommand */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line with what these arguments need: picocli reads every option of
     * every subcommand it is given by reflection, which was a large part of a command's start-up,
     * so a command gets only its own subcommand, {@code --version} none, and the rest (help, usage
     * errors) all of them.
     *
     * @param args the arguments it will run
     * @return the command line
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        Supplier<Object> only = "help".equals(first) ? null : SUBCOMMANDS.get(first);
        if (only != null) {
            cl.addSubcommand(only.get());
        } else if (!(args.length == 1 && (first.equals("--version") || first.equals("-V")))) {
            SUBCOMMANDS.values().forEach(s -> cl.addSubcommand(s.get()));
        }
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
