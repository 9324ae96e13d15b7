package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.LogSink;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;

/**
 * Everything one run (a Pipeline step, a freestyle build step, a command) lends the operations: where tools run and
 * files are, the masked log, the cancel signal, the deployment records, where recorded secrets are read again, the
 * journal of what the run did, the clock, the environment tools are looked up in and where its calls to endpoints
 * and cloud APIs are made. A front end builds one per run
 * and passes it to one operation; an operation that runs several steps (a release in phases) uses the same one for
 * all of them. Every secret any part of the run learns is registered with {@link #secrets()}, so the log, results
 * and messages never show it.
 */
public final class RunContext {
    private final SecretMasker secrets;
    private final BuildLog log;
    private final ProcessRunner runner;
    private final Cancellation cancellation;
    private final HostFiles files;
    private final RecordStore records;
    private final SecretSource secretSource;
    private final Journal journal;
    private final Clock clock;
    private final Map<String, String> toolEnvironment;
    private final OkHttpClient http;
    private final Network network;

    private RunContext(Builder b) {
        this.secrets = b.secrets;
        this.log = new BuildLog(b.sink, secrets);
        this.runner = new ProcessRunner(b.launcher, log, b.grace);
        this.cancellation = b.cancellation;
        this.files = b.files;
        this.records = b.records;
        this.secretSource = b.secretSource;
        this.journal = b.journal;
        this.clock = b.clock;
        this.toolEnvironment = Map.copyOf(b.toolEnvironment);
        this.http = b.http;
        this.network = b.network;
    }

    /**
     * Starts a context whose log lines (masked) go to a sink; everything else has the defaults of a run on this
     * machine.
     *
     * @param sink where log lines go
     * @return a builder
     */
    public static Builder builder(LogSink sink) {
        return new Builder(sink);
    }

    /** @return the run's secrets: what is registered here is masked in every line, result and message */
    public SecretMasker secrets() {
        return secrets;
    }

    /** @return the run's masked log */
    public BuildLog log() {
        return log;
    }

    /** @return runs tools where the run's files are */
    public ProcessRunner runner() {
        return runner;
    }

    /** @return the run's cancel signal */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** @return the file system of the machine the tools run on */
    public HostFiles files() {
        return files;
    }

    /** @return where deployment records are kept and read */
    public RecordStore records() {
        return records;
    }

    /** @return reads a recorded secret again by its source */
    public SecretSource secretSource() {
        return secretSource;
    }

    /** @return keeps what the run did */
    public Journal journal() {
        return journal;
    }

    /** @return the clock deployment records are dated by */
    public Clock clock() {
        return clock;
    }

    /** @return the environment tools are looked up in ({@code IMMUTABLE_DEPLOY_TOOLS}, {@code PATH}) */
    public Map<String, String> toolEnvironment() {
        return toolEnvironment;
    }

    /**
     * @return the HTTP client every call of the run derives from (DigitalOcean, GitHub, health checks): in Jenkins the
     *     one that knows the controller's proxy settings
     */
    public OkHttpClient http() {
        return http;
    }

    /**
     * @return where the run's health checks and DigitalOcean calls are made: in this JVM by default, in Jenkins on the
     *     machine the build runs on
     */
    public Network network() {
        return network;
    }

    /**
     * Makes outbound calls through the run's {@link #network()}.
     *
     * @param description what they are, for messages and thread names, e.g. {@code the health checks}
     * @param work the calls
     * @return what they returned
     */
    <R extends Serializable> R call(String description, Work<R> work) {
        return network.make(new Calls<>(description, work, secrets), this);
    }

    /**
     * @param result a result's map
     * @return a masked copy: what may be returned to a caller or shown on a page
     */
    @SuppressWarnings("unchecked")
    public LinkedHashMap<String, Object> masked(Map<String, Object> result) {
        return new LinkedHashMap<>((Map<String, Object>) secrets.maskDeep(result));
    }

    /**
     * Records an entry in the journal, masked.
     *
     * @param kind the entry's kind, e.g. {@link Journal#DEPLOY}
     * @param page the result's values
     */
    void record(String kind, Map<String, Object> page) {
        journal.record(new Journal.Entry(kind, masked(page)));
    }

    /** Collects a context's ports; each has the default of a run on this machine. */
    public static final class Builder {
        private final LogSink sink;
        private SecretMasker secrets = new SecretMasker();
        private ProcessLauncher launcher = new LocalProcessLauncher();
        private Duration grace = ProcessRunner.DEFAULT_GRACE;
        private Cancellation cancellation = new Cancellation();
        private HostFiles files = HostFiles.local();
        private RecordStore records = new FileRecordStore(Path.of(FileRecordStore.DEFAULT_ROOT));
        private SecretSource secretSource = SecretSource.NONE;
        private Journal journal = Journal.NONE;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> toolEnvironment = System.getenv();
        private OkHttpClient http = HttpClients.shared();
        private Network network = Network.HERE;

        private Builder(LogSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        /**
         * @param secrets the run's secrets, when the front end registers some before the context exists
         * @return this builder
         */
        public Builder secrets(SecretMasker secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * @param launcher starts the tools (default: processes on this machine)
         * @return this builder
         */
        public Builder launcher(ProcessLauncher launcher) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            return this;
        }

        /**
         * @param grace how long a cancelled tool gets to clean up before it is killed
         * @return this builder
         */
        public Builder grace(Duration grace) {
            this.grace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * @param cancellation the run's cancel signal (default: a new one)
         * @return this builder
         */
        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        /**
         * @param files the file system of the machine the tools run on (default: this one)
         * @return this builder
         */
        public Builder files(HostFiles files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * @param records where deployment records are kept (default: {@value FileRecordStore#DEFAULT_ROOT})
         * @return this builder
         */
        public Builder records(RecordStore records) {
            this.records = Objects.requireNonNull(records, "records");
            return this;
        }

        /**
         * @param secretSource reads recorded secrets again (default: none can be read)
         * @return this builder
         */
        public Builder secretSource(SecretSource secretSource) {
            this.secretSource = Objects.requireNonNull(secretSource, "secretSource");
            return this;
        }

        /**
         * @param journal keeps what the run did (default: nothing is kept)
         * @return this builder
         */
        public Builder journal(Journal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * @param clock dates the deployment records
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param environment where tools are looked up (default: this process's environment)
         * @return this builder
         */
        public Builder toolEnvironment(Map<String, String> environment) {
            this.toolEnvironment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param http the client HTTP calls derive from (default: the engine's shared one)
         * @return this builder
         */
        public Builder http(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * @param network where the health checks and DigitalOcean calls are made (default: {@link Network#HERE})
         * @return this builder
         */
        public Builder network(Network network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** @return the context */
        public RunContext build() {
            return new RunContext(this);
        }
    }

    /**
     * Port: where the run's outbound calls are made, the health checks and DigitalOcean's API. {@link #HERE} makes them
     * in this JVM; Jenkins makes them on the machine the build runs on (an agent), so that they reach what that machine
     * reaches, e.g. an application's private network, and nothing that only the controller reaches.
     */
    public interface Network {
        /** Makes the calls in this JVM, with the run's log, cancel signal and {@link RunContext#http()}. */
        Network HERE = new Network() {
            @Override
            public <R extends Serializable> R make(Calls<R> calls, RunContext context) {
                return calls.work.make(context.log(), context.cancellation(), context.http());
            }
        };

        /**
         * Makes the calls. When the run is cancelled and they cannot answer for themselves (their answer is lost on the
         * way back), the outcome is {@link Calls#cancelled()}.
         *
         * @param calls what to call
         * @param context the run that asks
         * @return what the calls returned
         * @throws RuntimeException what the calls threw, e.g. an {@link EngineException} saying DigitalOcean refused
         */
        <R extends Serializable> R make(Calls<R> calls, RunContext context);
    }

    /**
     * The outbound calls of one step of an operation (a verification, a snapshot lookup, a prune), packed to travel to
     * the machine that makes them: serializable, holding what to call and the run's secrets, and nothing else of the
     * run.
     *
     * @param <R> what the calls return
     */
    public static final class Calls<R extends Serializable> implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        /** How long calls cancelled by an interrupt get to end before the interrupted thread gives up on them. */
        private static final long CANCEL_WAIT_SECONDS = 10;

        private final String description;
        private final Work<R> work;
        private final SecretMasker secrets;

        Calls(String description, Work<R> work, SecretMasker secrets) {
            this.description = Objects.requireNonNull(description, "description");
            this.work = Objects.requireNonNull(work, "work");
            this.secrets = Objects.requireNonNull(secrets, "secrets");
        }

        /**
         * Makes the calls in this JVM on behalf of a run whose context is in another one (in Jenkins: on the agent,
         * for the controller's run). Their lines go to the sink, masked with the run's secrets; an interrupt of the
         * calling thread cancels them, and they end as they do when a run is cancelled.
         *
         * @param sink where their log lines go
         * @param http the client to call with: this machine's own
         * @return what the calls returned
         * @throws InterruptedException when the calling thread was interrupted; the calls were cancelled
         */
        public R makeHere(LogSink sink, OkHttpClient http) throws InterruptedException {
            BuildLog log = new BuildLog(sink, secrets);
            Cancellation cancellation = new Cancellation();
            // On a thread of their own: a call blocked on a socket does not see an interrupt, but it sees a cancel.
            FutureTask<R> task = new FutureTask<>(() -> work.make(log, cancellation, http));
            Thread t = new Thread(task, "immutable-deploy: " + description);
            t.setDaemon(true);
            t.start();
            try {
                return task.get();
            } catch (InterruptedException e) {
                cancellation.cancel();
                try {
                    task.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException | RuntimeException ended) {
                    // cancelled: whatever they made of it, the caller learns of the interrupt
                }
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw new EngineException(secrets.mask(description + " failed: " + e.getCause()), e.getCause());
            }
        }

        /**
         * What the calls amount to when the run was cancelled before their answer arrived: what a cancel makes of
         * them here (a verification that was cancelled, an exception saying a DigitalOcean call was stopped).
         *
         * @return the cancelled outcome
         */
        public R cancelled() {
            return work.cancelled();
        }

        /** @return what the calls are, e.g. {@code the health checks} */
        @Override
        public String toString() {
            return description;
        }
    }

    /** The calls of one kind of {@link Calls}: serializable, as they travel; never holding the run. */
    interface Work<R extends Serializable> extends Serializable {
        R make(BuildLog log, Cancellation cancellation, OkHttpClient http);

        R cancelled();
    }

    /**
     * Port: reads a secret again from where a deployment record says it came from, for a redeploy. The record keeps a
     * secret variable's source, never its value: in the CLI an environment variable's name, in Jenkins
     * {@code credentials:<id>}.
     */
    @FunctionalInterface
    public interface SecretSource {
        /** A source that knows no secret: every lookup fails, naming the source. */
        SecretSource NONE = (variable, source) -> {
            throw new IllegalArgumentException("the secret variable " + variable + " came from " + source
                    + ", which this run cannot read");
        };

        /**
         * @param variable the tool variable the value is for, e.g. {@code db_password}
         * @param source where the record says its value came from
         * @return the value, or null when the source holds none
         * @throws IllegalArgumentException or {@link io.jenkins.plugins.immutabledeploy.engine.EngineException} saying
         *     why the source cannot be read
         */
        String value(String variable, String source);
    }

    /**
     * Port: what a run did, entry by entry, as each operation finishes a step of it (a bake, a deploy, a verification,
     * a redeploy, a prune), failed ones included. In Jenkins the build page keeps it; the CLI prints its result
     * instead.
     * An operation that runs several deploys and verifications records each.
     */
    @FunctionalInterface
    public interface Journal {
        /** Keeps nothing. */
        Journal NONE = entry -> {};

        /** Kind of an image bake, or of an existing image reused. */
        String BAKE = "bake";
        /** Kind of a deploy. */
        String DEPLOY = "deploy";
        /** Kind of a verification. */
        String VERIFY = "verify";
        /** Kind of a redeploy of an earlier deployment. */
        String ROLLBACK = "rollback";
        /** Kind of a prune of old images. */
        String PRUNE = "prune";
        /** Kind of a release in phases: its outcome, after the entries of its phases and checks. */
        String RELEASE = "release";

        /**
         * Keeps one entry.
         *
         * @param entry what was done
         */
        void record(Entry entry);

        /**
         * One thing a run did.
         *
         * @param kind {@link #BAKE}, {@link #DEPLOY}, {@link #VERIFY}, {@link #ROLLBACK}, {@link #PRUNE} or
         *     {@link #RELEASE}
         * @param page the result's values for a page that shows it: the result's map (the keys its step returns),
         *     masked, plus, for deploys and redeploys, {@code dir}, {@code result}, {@code image} and, for a
         *     release's phase, {@code phase}; for a release's checks, {@code phase}
         */
        record Entry(String kind, Map<String, Object> page) {
            /** Copies the page. */
            public Entry {
                Objects.requireNonNull(kind, "kind");
                page = Collections.unmodifiableMap(new LinkedHashMap<>(page));
            }
        }
    }
}
