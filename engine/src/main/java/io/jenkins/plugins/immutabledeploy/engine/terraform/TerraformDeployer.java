package io.jenkins.plugins.immutabledeploy.engine.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LineHandler;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessResult;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.process.StreamReader;
import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys a Terraform/OpenTofu configuration the immutable way: {@code init}, select the workspace,
 * {@code plan} to a saved plan file, {@code show -json} it, check the {@link DestroyGate}, then
 * {@code apply} exactly that plan file and read {@code output -json}. Every deploy (not a plan-only
 * check) writes one {@link DeploymentRecord}, whether it succeeded, changed nothing or failed.
 *
 * <p>Secrets reach the tool only as environment variables ({@code TF_VAR_*}, {@code DIGITALOCEAN_TOKEN});
 * sensitive output values are registered as secrets as soon as the tool reveals them, before any line
 * that could contain them is logged. The saved plan holds variable values, so it lives in a private
 * folder (0700) that is deleted when the deploy ends.
 */
public final class TerraformDeployer {
    /** The token's environment variables: the DigitalOcean provider's two names, and Packer's. */
    public static final List<String> TOKEN_VARIABLES =
            List.of("DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "DIGITALOCEAN_API_TOKEN");

    private final ProcessRunner runner;
    private final RecordStore records;
    private final Clock clock;
    private final Map<String, String> lookupEnv;
    private final HostFiles files;

    /**
     * @param runner runs the tool; its log's secrets are the run's secrets
     * @param records where deployment records go
     */
    public TerraformDeployer(ProcessRunner runner, RecordStore records) {
        this(runner, records, Clock.systemUTC(), System.getenv());
    }

    /**
     * @param runner runs the tool; its log's secrets are the run's secrets
     * @param records where deployment records go
     * @param clock the records' clock
     * @param lookupEnv the environment the tool is looked up in ({@code IMMUTABLE_DEPLOY_TOOLS}, {@code PATH})
     */
    public TerraformDeployer(ProcessRunner runner, RecordStore records, Clock clock, Map<String, String> lookupEnv) {
        this(runner, records, clock, lookupEnv, HostFiles.local());
    }

    /**
     * @param runner runs the tool; its log's secrets are the run's secrets
     * @param records where deployment records go
     * @param clock the records' clock
     * @param lookupEnv the environment the tool is looked up in ({@code IMMUTABLE_DEPLOY_TOOLS}, {@code PATH})
     * @param files the file system of the machine the tool runs on: the configuration, the tool and the saved
     *     plan are there
     */
    public TerraformDeployer(ProcessRunner runner, RecordStore records, Clock clock, Map<String, String> lookupEnv,
            HostFiles files) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.records = Objects.requireNonNull(records, "records");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lookupEnv = Map.copyOf(lookupEnv);
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * Runs one deploy.
     *
     * @param request what to deploy
     * @param cancellation aborts the deploy: the running tool gets SIGINT and time to release its lock
     * @return what was done; a plan without changes and a plan-only run with drift are results, not errors
     * @throws IllegalArgumentException when the configuration folder does not exist
     * @throws DestroyGateException when the gate stops the plan (nothing was applied)
     * @throws StateLockedException when another run holds the state lock
     * @throws DeployException when init, plan or apply fails, or the deploy is cancelled or times out
     * @throws io.jenkins.plugins.immutabledeploy.engine.process.ToolNotFoundException when no tool is found
     */
    public DeployResult deploy(DeployRequest request, Cancellation cancellation) {
        return deploy(request, Phase.DEPLOY, cancellation);
    }

    /**
     * Runs one deploy of a kind: its plan must pass the phase's check, and its record says which phase it was and
     * which images it put live.
     *
     * @param request what to deploy
     * @param phase the kind of deploy: its check and what its record says
     * @param cancellation aborts the deploy: the running tool gets SIGINT and time to release its lock
     * @return what was done
     * @throws DeployException as {@link #deploy(DeployRequest, Cancellation)}, and whatever the phase's check throws
     */
    public DeployResult deploy(DeployRequest request, Phase phase, Cancellation cancellation) {
        return new Run(request, phase, cancellation).deploy();
    }

    /**
     * The SHA-256 of a file, as lower-case hex: the recorded checksum of the applied plan.
     *
     * @param file the file, on the machine the tool runs on
     * @return the checksum
     */
    private String sha256(String file) {
        try (DigestInputStream in = new DigestInputStream(files.open(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new EngineException("Could not read the saved plan " + file + ": " + e.getMessage(), e);
        }
    }

    /** One deploy's state; a new one per call keeps the deployer itself stateless and thread-safe. */
    private final class Run {
        private final DeployRequest request;
        private final Phase phase;
        private final Cancellation cancellation;
        private final BuildLog log = runner.log();
        private final SecretMasker secrets = log.secrets();
        private final long started = System.nanoTime();
        private final Path dir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String exe;
        private String tool = "tofu";
        private String toolVersion = "";
        private PlanSummary summary = PlanSummary.EMPTY;
        private PlanDocument plan = PlanDocument.EMPTY;
        private String planChecksum;

        Run(DeployRequest request, Phase phase, Cancellation cancellation) {
            this.request = Objects.requireNonNull(request, "request");
            this.phase = Objects.requireNonNull(phase, "phase");
            this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
            this.dir = request.workingDirectory() == null ? Path.of(request.dir()).toAbsolutePath().normalize()
                    : Path.of(HostFiles.resolve(request.workingDirectory(), request.dir())).normalize();
        }

        DeployResult deploy() {
            if (!isDirectory(dir.toString())) {
                throw new IllegalArgumentException(request.names().name("dir") + ": the configuration folder " + request.dir()
                        + " does not exist; give the folder that holds the .tf files");
            }
            // Registered before anything runs, so no line, argument or message can carry them.
            secrets.addAll(request.secretVars().values());
            secrets.add(request.token());
            exe = ToolLocator.find(files, request.executable(), lookupEnv, request.names(), "tofu", "terraform");
            tool = ProcessRunner.toolName(exe);
            prepareEnvironment();
            toolVersion = version();
            log.info("Deploying " + request.dir() + " (workspace " + request.workspaceOrDefault() + ") with " + tool + " "
                    + toolVersion + " (" + exe + ")");
            String planDir = null;
            ProviderMirror.CliConfig cliConfig = null;
            try {
                cliConfig = ProviderMirror.prepare(files, toolEnvironment(), dir.toString(), log);
                if (cliConfig != null) {
                    env.put(ProviderMirror.CLI_CONFIG_ENV, cliConfig.file());
                }
                init();
                selectWorkspace();
                planDir = files.createPrivateDirectory(dir.toString(), ".immutable-deploy-plan-");
                Path planFile = Path.of(planDir, "deploy.tfplan");
                int planExit = plan(planFile);
                // Shown also without changes: the plan's variables say what is deployed, and a phase may check them.
                plan = show(planFile);
                summary = plan.summary();
                log.info(summary.describe());
                if (request.planOnly()) {
                    return planOnlyResult(planExit == 2);
                }
                try {
                    phase.check().check(plan, request);
                } catch (DeployException e) {
                    throw e.withResult(failed(e.getMessage()));
                }
                if (planExit == 0) {
                    log.info("No changes: nothing to apply.");
                    Map<String, Object> outputs = outputs();
                    return finish(false, outputs, DeploymentRecord.NO_CHANGES, null);
                }
                planChecksum = sha256(planFile.toString());
                checkNotCancelled("before apply");
                apply(planFile);
                return finish(true, outputs(), DeploymentRecord.SUCCESS, null);
            } catch (IOException e) {
                String msg = secrets.mask("Could not prepare the deploy's private files in " + dir + ": " + e.getMessage());
                throw new DeployException(msg, List.of(), failed(msg));
            } finally {
                ProviderMirror.remove(files, cliConfig, log);
                deleteQuietly(planDir);
            }
        }

        /** What the tool sees: the inherited environment with the deploy's own on top. */
        private Map<String, String> toolEnvironment() {
            Map<String, String> seen = new LinkedHashMap<>(lookupEnv);
            seen.putAll(env);
            return seen;
        }

        private void prepareEnvironment() {
            env.put("TF_IN_AUTOMATION", "1");
            env.put("TF_INPUT", "0");
            env.putAll(request.environment());
            request.secretVars().forEach((name, value) -> env.put("TF_VAR_" + name, value));
            if (request.token() != null) {
                TOKEN_VARIABLES.forEach(v -> env.put(v, request.token()));
            }
        }

        private String version() {
            StringBuilder out = new StringBuilder();
            ProcessResult r = run(List.of("version", "-json"), line -> out.append(line).append('\n'),
                    LineHandler.log(log), false);
            if (!r.succeeded()) {
                throw new DeployException(secrets.mask(tool + " version failed (exit code " + r.exitCode() + "); is " + exe
                        + " a working Terraform or OpenTofu?"), List.of(), null);
            }
            try {
                return Json.MAPPER.readTree(out.toString()).path("terraform_version").asText("unknown");
            } catch (IOException e) {
                // Terraform before 0.13 has no -json: its first line is "Terraform v0.12.31".
                String first = out.toString().strip().split("\n")[0];
                return first.replaceFirst("^\\S+ v?", "");
            }
        }

        private void init() {
            List<String> args = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
            request.backendConfig().forEach(b -> args.add("-backend-config=" + b));
            StringBuilder text = new StringBuilder();
            LineHandler both = line -> {
                text.append(line).append('\n');
                log.info(line);
            };
            ProcessResult r = run(args, both, both, true);
            if (!r.succeeded()) {
                throw failure("init", r, List.of(lastLines(text.toString())), text.toString());
            }
        }

        private void selectWorkspace() {
            String ws = request.workspace();
            if (ws == null) {
                return;
            }
            StringBuilder text = new StringBuilder();
            LineHandler both = line -> {
                text.append(line).append('\n');
                log.info(line);
            };
            ProcessResult r = run(List.of("workspace", "select", "-no-color", ws), both, both, true);
            if (r.succeeded()) {
                return;
            }
            if (r.stopped() || !request.createWorkspace()) {
                if (r.stopped()) {
                    throw failure("workspace select", r, List.of(), "");
                }
                String msg = secrets.mask("The workspace " + ws + " does not exist in " + request.dir() + " (" + tool
                        + " workspace select exited " + r.exitCode() + "). Create it with "
                        + request.names().on("createWorkspace") + ", or name an existing one.");
                throw new DeployException(msg, List.of(lastLines(text.toString())), failed(msg));
            }
            ProcessResult created = run(List.of("workspace", "new", "-no-color", ws), both, both, true);
            if (!created.succeeded()) {
                throw failure("workspace new", created, List.of(lastLines(text.toString())), text.toString());
            }
        }

        private int plan(Path planFile) {
            List<String> args = new ArrayList<>(List.of("plan", "-input=false", "-out=" + planFile, "-detailed-exitcode", "-json"));
            lockTimeout(args);
            request.vars().forEach((k, v) -> {
                args.add("-var");
                args.add(k + "=" + v);
            });
            request.varFiles().forEach(f -> args.add("-var-file=" + f));
            JsonStreamRenderer stream = new JsonStreamRenderer(log, true);
            ProcessResult r = run(args, stream, stream, true);
            if (r.stopped() || (r.exitCode() != 0 && r.exitCode() != 2)) {
                throw failure("plan", r, stream.errors(), stream.errorText());
            }
            return r.exitCode();
        }

        private PlanDocument show(Path planFile) {
            // The document holds every variable and output value in clear: parsed as it arrives, never
            // logged, never held whole (a 9 MiB file() input makes it larger than the longest line kept).
            ProcessRequest pr = request(List.of("show", "-json", planFile.toString()), true);
            StreamReader<PlanDocument> json = new StreamReader<>(in -> ShowJson.read(in, request.secretVars().keySet(),
                    secrets), tool + " show -json");
            ProcessResult r = runner.run(pr, json, LineHandler.log(log), cancellation, remaining());
            if (!r.succeeded()) {
                throw failure("show", r, List.of(), "");
            }
            try {
                return json.result();
            } catch (IOException | IllegalArgumentException e) {
                String msg = secrets.mask("Could not read " + tool + " show -json: " + e.getMessage());
                throw new DeployException(msg, List.of(), failed(msg));
            }
        }

        private void apply(Path planFile) {
            List<String> args = new ArrayList<>(List.of("apply", "-input=false", "-json"));
            lockTimeout(args);
            args.add(planFile.toString());
            JsonStreamRenderer stream = new JsonStreamRenderer(log, false);
            ProcessResult r = run(args, stream, stream, true);
            if (!r.succeeded()) {
                throw failure("apply", r, stream.errors(), stream.errorText());
            }
        }

        private Map<String, Object> outputs() {
            StringBuilder out = new StringBuilder();
            ProcessResult r = run(List.of("output", "-json"), line -> out.append(line).append('\n'), LineHandler.log(log), true);
            if (!r.succeeded()) {
                throw failure("output", r, List.of(), "");
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            try {
                JsonNode doc = Json.MAPPER.readTree(out.toString());
                if (doc == null) {
                    return outputs;
                }
                JsonStreamRenderer.registerSensitiveOutputs(doc, secrets);
                for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    boolean sensitive = e.getValue().path("sensitive").asBoolean(false);
                    outputs.put(e.getKey(), sensitive ? SecretMasker.MASK
                            : Json.MAPPER.convertValue(e.getValue().get("value"), Object.class));
                }
            } catch (IOException e) {
                String msg = secrets.mask("Could not read " + tool + " output -json: " + e.getMessage());
                throw new DeployException(msg, List.of(), failed(msg));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> masked = (Map<String, Object>) secrets.maskDeep(outputs);
            return masked;
        }

        private void lockTimeout(List<String> args) {
            if (request.lockTimeout() != null) {
                // Go's duration syntax: milliseconds keep a sub-second wait exact.
                args.add("-lock-timeout=" + request.lockTimeout().toMillis() + "ms");
            }
        }

        private ProcessResult run(List<String> args, LineHandler stdout, LineHandler stderr, boolean announce) {
            return runner.run(request(args, announce), stdout, stderr, cancellation, remaining());
        }

        private ProcessRequest request(List<String> args, boolean announce) {
            checkNotCancelled("before " + tool + " " + args.get(0));
            ProcessRequest pr = ProcessRequest.builder(exe).args(args).env(env).workingDirectory(dir.toString()).build();
            if (announce) {
                log.info("$ " + tool + " " + String.join(" ", args));
            }
            return pr;
        }

        private Duration remaining() {
            if (request.timeout() == null) {
                return null;
            }
            Duration left = request.timeout().minusNanos(System.nanoTime() - started);
            return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
        }

        private void checkNotCancelled(String when) {
            if (cancellation.isCancelled()) {
                String msg = "The deploy was cancelled " + when + "; nothing more was run.";
                throw new DeployException(msg, List.of(), failed(msg));
            }
        }

        /** Builds the exception for a failed step: a held lock, a stop, or the tool's diagnostics. */
        private DeployException failure(String step, ProcessResult r, List<String> diagnostics, String errorText) {
            List<String> diags = diagnostics.stream().filter(d -> !d.isBlank()).map(secrets::mask).toList();
            if (!r.stopped() && errorText.contains(StateLockedException.MARKER)) {
                StateLockedException.Lock lock = StateLockedException.Lock.parse(errorText).orElse(null);
                if (lock != null) {
                    String msg = secrets.mask("The state of " + request.dir() + " is locked by another run: lock " + lock.id()
                            + ", held by " + blankAs(lock.who(), "an unknown holder") + " since "
                            + blankAs(lock.created(), "an unknown time")
                            + (lock.operation().isEmpty() ? "" : " (" + lock.operation() + ")")
                            + ". Wait for that run to finish and deploy again, or wait longer with "
                            + request.names().name("lockTimeout") + ". If no run holds it any more (a stale lock),"
                            + " release it by running in "
                            + request.dir() + ": " + lock.unlockCommand(tool)
                            + " — this deploy never releases another run's lock.");
                    return new StateLockedException(msg, lock, diags, failed(msg));
                }
            }
            String msg;
            if (r.stopped()) {
                msg = (r.timedOut() ? "The deploy ran longer than " + Durations.format(request.timeout())
                        : "The deploy was cancelled") + " during " + tool + " " + step + "; " + tool
                        + (r.killed() ? " had to be killed after the grace period, so check the state and its lock"
                                : " stopped cleanly and wrote its state")
                        + ("apply".equals(step) ? ". Resources created before the stop are in the state; deploy again to finish."
                                : ". Nothing was applied.");
            } else {
                msg = tool + " " + step + " failed (exit code " + r.exitCode() + ")"
                        + (diags.isEmpty() ? "; see the log above." : ": " + String.join("; ", diags));
            }
            msg = secrets.mask(msg);
            return new DeployException(msg, diags, failed(msg));
        }

        private DeployResult planOnlyResult(boolean drift) {
            if (drift) {
                log.warn("Drift: the plan is not empty; " + summary.changes().size() + " resource(s) differ from the"
                        + " configuration: " + String.join(", ", summary.changes().stream().map(ResourceChange::address).toList()));
            } else {
                log.info("No drift: the infrastructure matches the configuration.");
            }
            return new DeployResult(false, drift, summary, outputs(), null, null, tool, toolVersion, elapsed());
        }

        private DeployResult failed(String message) {
            return finish(false, Map.of(), DeploymentRecord.FAILED, message);
        }

        private DeployResult finish(boolean changed, Map<String, Object> outputs, String result, String message) {
            java.time.Instant now = clock.instant();
            Map<String, String> vars = maskedStrings(request.vars());
            Map<String, String> known = plan.variables().isEmpty() ? vars : plan.variables();
            String image = phase.liveVariable() != null ? known.get(phase.liveVariable())
                    : DeploymentRecord.guessImage(known);
            DeploymentRecord record = new DeploymentRecord(
                    FileRecordStore.newId(now),
                    now,
                    request.dir(),
                    request.workspaceOrDefault(),
                    tool,
                    toolVersion,
                    vars,
                    request.varFiles().stream().map(secrets::mask).toList(),
                    request.secretVarSources(),
                    summary.counts(),
                    planChecksum,
                    outputs,
                    result,
                    message == null ? null : secrets.mask(message),
                    dir.toString(),
                    null,
                    plan.variables(),
                    image,
                    phase.candidateVariable() == null ? null : known.get(phase.candidateVariable()),
                    phase.name(),
                    summary.changes().stream().map(c -> {
                        Map<String, String> m = new LinkedHashMap<>();
                        c.toMap().forEach((k, v) -> m.put(k, String.valueOf(v)));
                        return m;
                    }).toList(),
                    List.of(),
                    null,
                    null);
            String id = records.save(record);
            log.info("Deployment record " + id + ": " + record.describe());
            return new DeployResult(changed, false, summary, outputs, id, record, tool, toolVersion, elapsed());
        }

        private Map<String, String> maskedStrings(Map<String, String> m) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, secrets.mask(v)));
            return out;
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    private static String blankAs(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String lastLines(String text) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private boolean isDirectory(String path) {
        try {
            return files.isDirectory(path);
        } catch (IOException e) {
            throw new EngineException("Could not look at " + path + ": " + e.getMessage(), e);
        }
    }

    private void deleteQuietly(String folder) {
        if (folder == null) {
            return;
        }
        try {
            files.deleteRecursively(folder);
        } catch (IOException e) {
            // The plan holds variable values: say so rather than leave it silently.
            throw new EngineException("Could not delete the saved plan folder " + folder + " (it holds variable values;"
                    + " delete it by hand): " + e.getMessage(), e);
        }
    }
}
