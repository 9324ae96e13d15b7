package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BufferedLogSink;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * What every subcommand shares: the run context (its log on standard error, the local process port, a cancel signal
 * wired to Ctrl-C, recorded secrets read again from environment variables), secrets read from the environment, and
 * printing of results (a summary, or one JSON object with {@code --json}).
 */
public final class Cli implements AutoCloseable {
    /** Released by {@link Main#main} once the command has returned and its error, if any, is printed. */
    private static final CountDownLatch COMMAND_DONE = new CountDownLatch(1);

    /** Set by {@link Main#main}: System.err is this process's own standard error, written to directly. */
    private static volatile boolean processStderr;

    private final PrintStream out;
    private final BufferedLogSink sink;
    private final RunContext context;
    private final Thread hook;

    /** Opens a run that prints its log to standard error and its result to standard output. */
    public Cli() {
        this(System.out, System.err);
    }

    /**
     * @param out where results go
     * @param err where the log goes
     */
    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        // Lines go out in blocks, at most 50 ms late: one write per line made a tool's long output
        // cost more in system calls than everything else the engine does with it.
        this.sink = new BufferedLogSink(err == System.err && processStderr
                ? BufferedLogSink.Target.of(new FileOutputStream(FileDescriptor.err), stderrCharset())
                : lines -> {
                    err.print(lines);
                    err.flush();
                });
        this.context = RunContext.builder(sink).build();
        // Ctrl-C: let the engine interrupt the tool and wait for its clean-up before the JVM goes.
        this.hook = new Thread(() -> {
            context.cancellation().cancel();
            try {
                COMMAND_DONE.await(context.runner().grace().plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "immutable-deploy cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return the run: its secrets, its log on standard error, its cancel signal (Ctrl-C) */
    public RunContext context() {
        return context;
    }

    /**
     * The run with deployment records kept under a folder; a record's secret variables are read again from the
     * environment variables it names.
     *
     * @param recordDir where the records are, {@code <dir name>/<workspace>/<id>.json} below it
     * @return the run context
     */
    public RunContext context(Path recordDir) {
        return RunContext.builder(sink).secrets(context.secrets()).cancellation(context.cancellation())
                .records(new FileRecordStore(recordDir)).secretSource((variable, source) -> System.getenv(source))
                .build();
    }

    /**
     * Reads a secret from an environment variable and registers it for masking.
     *
     * @param option the option that named the variable, for the error message
     * @param variable the variable's name
     * @return its value
     * @throws IllegalArgumentException when the variable is not set
     */
    public String secretFromEnv(String option, String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + ": the environment variable " + variable
                    + " is not set (secrets are read from the environment, never from the command line)");
        }
        context.secrets().add(value);
        return value;
    }

    /**
     * Prints a result: the summary lines for people, or with {@code json} exactly one JSON object.
     * Both are masked.
     *
     * @param result the result map (the same keys the Pipeline step returns)
     * @param json whether to print JSON
     * @param summary the human-readable summary
     */
    public void print(Map<String, Object> result, boolean json, String summary) {
        sink.flush(); // the log before the result, as a terminal shows both
        if (json) {
            out.println(Json.write(context.secrets().maskDeep(result)));
        } else {
            out.println(context.secrets().mask(summary));
        }
        out.flush();
    }

    /** Lets the log write its blocks straight to file descriptor 2 (it is the process's standard error). */
    static void logToProcessStderr() {
        processStderr = true;
    }

    /** Lets a pending Ctrl-C finish the JVM: called after picocli has printed the command's outcome. */
    static void commandFinished() {
        COMMAND_DONE.countDown();
    }

    /** Ends the run: a Ctrl-C after this point exits at once. */
    @Override
    public void close() {
        sink.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and has just been released
        }
    }

    /** The encoding {@code System.err} writes with, so the buffered log writes what it would have. */
    private static Charset stderrCharset() {
        String name = System.getProperty("sun.stderr.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Prints engine failures as one masked line, never a stack trace. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            if (e instanceof IllegalArgumentException) {
                cl.getErr().println("immutable-deploy " + cl.getCommandName() + ": " + e.getMessage());
                cl.getErr().println("Try 'immutable-deploy " + cl.getCommandName() + " --help'.");
                return ExitCodes.USAGE;
            }
            if (e instanceof EngineException || e instanceof java.io.IOException) {
                cl.getErr().println("ERROR: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            cl.getErr().println("ERROR: unexpected failure: " + e);
            return ExitCodes.FAILED;
        }
    }

    /** Prints a usage error and the help hint; exit code 2. */
    static final class UsageHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cl = e.getCommandLine();
            cl.getErr().println("immutable-deploy: " + e.getMessage());
            cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        }
    }
}
