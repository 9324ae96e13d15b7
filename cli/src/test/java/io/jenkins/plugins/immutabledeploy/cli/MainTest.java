package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int run(String... args) {
        return run(Main.commandLine(), args);
    }

    @Test
    void versionPrintsTheNameAndTheJavaVersionAndExitsZero() {
        assertThat(run("--version")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).startsWith("immutable-deploy ")
                .contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void helpListsEverySubcommandAndTheDocumentedExitCodes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);

        String help = out.toString();
        assertThat(help).contains("Usage: immutable-deploy");
        for (String sub : new String[] {"bake", "deploy", "verify", "rollback", "prune-images", "release"}) {
            assertThat(help).containsPattern("(?m)^\\s+" + sub + "\\s+\\S");
        }
        assertThat(help).contains("Exit codes:")
                .containsPattern("(?m)^\\s+0\\s+success$")
                .containsPattern("(?m)^\\s+1\\s+the work failed")
                .containsPattern("(?m)^\\s+2\\s+usage error");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwoAndAHint() {
        assertThat(run("--no-such-option")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("immutable-deploy: Unknown option: '--no-such-option'")
                .contains("Try 'immutable-deploy --help'.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noSubcommandPrintsTheUsageOnStandardErrorAndExitsTwo() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("Usage: immutable-deploy").contains("a subcommand is required");
        assertThat(out.toString()).isEmpty();
    }

    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {
        @CommandLine.Option(names = "--how")
        String how;

        @Override
        public Integer call() {
            if ("usage".equals(how)) {
                throw new IllegalArgumentException("--timeout: '5 minutes' is not a duration");
            }
            throw new EngineException("tofu apply failed: exit 1");
        }
    }

    @Test
    void anEngineFailureIsOneErrorLineAndExitCodeOneWithoutAStackTrace() {
        assertThat(run(Main.commandLine().addSubcommand(new Fails()), "fails")).isEqualTo(ExitCodes.FAILED);

        assertThat(err.toString()).isEqualTo("ERROR: tofu apply failed: exit 1" + System.lineSeparator());
    }

    @Test
    void aBadValueFoundWhileRunningIsAUsageErrorNamingTheOption() {
        assertThat(run(Main.commandLine().addSubcommand(new Fails()), "fails", "--how", "usage"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("immutable-deploy fails: --timeout: '5 minutes' is not a duration")
                .contains("Try 'immutable-deploy fails --help'.");
    }
}
