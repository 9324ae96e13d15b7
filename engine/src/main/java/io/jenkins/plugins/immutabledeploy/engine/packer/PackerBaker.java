package io.jenkins.plugins.immutabledeploy.engine.packer;

import io.jenkins.plugins.immutabledeploy.engine.Durations;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LineHandler;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRequest;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessResult;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bakes an image: runs {@code packer init} when the template needs plugins, then
 * {@code packer build -machine-readable}, shows its progress live, and returns the artifact.
 *
 * <p>Secrets reach Packer only through the environment and are masked in the log, the result and
 * every exception. Cancellation and the request's timeout interrupt Packer (SIGINT), give it the
 * runner's grace period to destroy its build machine, and only then kill it.
 */
public final class PackerBaker {
    /** The environment variables the DigitalOcean builder reads its token from. */
    public static final List<String> TOKEN_VARIABLES = List.of("DIGITALOCEAN_TOKEN", "DIGITALOCEAN_API_TOKEN");

    private final HostFiles files;
    private final Map<String, String> lookupEnv;

    /** Creates a baker for templates on this machine, finding Packer in this process's environment. */
    public PackerBaker() {
        this(HostFiles.local(), System.getenv());
    }

    /**
     * Creates a baker whose templates, manifests and Packer are on the machine Packer runs on.
     *
     * @param files that machine's file system
     * @param lookupEnv the environment Packer is looked up in ({@code IMMUTABLE_DEPLOY_TOOLS}, {@code PATH}) when the
     *     request names no executable
     */
    public PackerBaker(HostFiles files, Map<String, String> lookupEnv) {
        this.files = Objects.requireNonNull(files, "files");
        this.lookupEnv = Map.copyOf(lookupEnv);
    }

    /**
     * Bakes one image.
     *
     * @param request what to bake
     * @param runner runs Packer; its log receives the progress, its masker learns the request's secrets
     * @param cancellation aborts the bake
     * @return the image and every artifact Packer reported (sorted by build name), masked; the image is
     *     the first DigitalOcean snapshot, else the first artifact of the first build by name
     * @throws BakeFailedException when Packer fails, is stopped, or creates no artifact
     * @throws io.jenkins.plugins.immutabledeploy.engine.process.ToolNotFoundException when Packer is not there
     */
    public BakeResult bake(BakeRequest request, ProcessRunner runner, Cancellation cancellation) {
        request = request.withExecutable(
                ToolLocator.find(files, request.executable(), lookupEnv, request.names(), "packer"));
        BuildLog log = runner.log();
        SecretMasker secrets = log.secrets();
        secrets.addAll(request.secrets());
        long started = System.nanoTime();
        long deadline = request.timeout() == null ? Long.MAX_VALUE : started + request.timeout().toNanos();
        Map<String, String> env = environment(request);
        PackerTemplate template = new PackerTemplate(files, onHost(request, request.template()));
        // Times read from that machine before and after, so a clock that differs from ours does not matter.
        Map<String, Long> manifestsBefore = new LinkedHashMap<>();
        for (String manifest : manifests(request, template)) {
            manifestsBefore.put(manifest, lastModified(manifest));
        }

        String version = version(request, runner, env, cancellation);
        if (template.needsInit()) {
            init(request, runner, env, cancellation, remaining(request, deadline));
        }

        ProcessRequest build = ProcessRequest.builder(request.executable())
                .args(buildArguments(request))
                .env(env)
                .workingDirectory(request.workingDirectory())
                .build();
        log.info("Baking " + request.template() + " with Packer" + (version.isEmpty() ? "" : " " + version));
        MachineReadableParser parser = new MachineReadableParser(log);
        ProcessResult result = runner.run(build, parser::accept, parser::acceptStderr, cancellation,
                remaining(request, deadline));
        List<String> errors = parser.errorLines().stream().map(secrets::mask).toList();
        List<PackerArtifact> streamed = parser.artifacts();
        if (result.stopped()) {
            throw new BakeFailedException(secrets.mask(stoppedMessage(request, runner, result)), result.exitCode(),
                    errors, true, masked(streamed, secrets));
        }
        if (result.exitCode() != 0) {
            throw new BakeFailedException(secrets.mask("packer build failed with exit code " + result.exitCode()
                    + (errors.isEmpty() ? " and printed no error; see the log above" : ":\n  " + String.join("\n  ", errors))),
                    result.exitCode(), errors, false, masked(streamed, secrets));
        }

        List<PackerArtifact> artifacts = streamed;
        for (Map.Entry<String, Long> manifest : manifestsBefore.entrySet()) {
            if (isRewritten(manifest.getKey(), manifest.getValue())) {
                artifacts = PackerManifest.merge(artifacts, PackerManifest.lastRun(files, manifest.getKey()));
            }
        }
        artifacts = masked(artifacts, secrets);
        if (artifacts.isEmpty()) {
            throw new BakeFailedException("packer build finished (exit code 0) but reported no artifact, so there is"
                    + " no image to deploy. Check that the template's builders create an image and that -only/-except"
                    + " select at least one build.", 0, errors, false, List.of());
        }
        double seconds = Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
        BakeResult baked = result(artifacts, version, seconds);
        log.info("Baked " + baked.describe());
        return baked;
    }

    /**
     * The arguments of {@code packer build} for a request, without the executable. Never holds a
     * secret: those travel in the environment.
     *
     * @param request the request
     * @return the arguments
     */
    public static List<String> buildArguments(BakeRequest request) {
        List<String> args = new ArrayList<>(List.of("build", "-machine-readable", "-color=false",
                "-on-error=" + request.onError().flag()));
        if (!request.only().isEmpty()) {
            args.add("-only=" + String.join(",", request.only()));
        }
        if (!request.except().isEmpty()) {
            args.add("-except=" + String.join(",", request.except()));
        }
        request.vars().forEach((k, v) -> {
            args.add("-var");
            args.add(k + "=" + v);
        });
        request.varFiles().forEach(f -> args.add("-var-file=" + f));
        args.add(request.template());
        return args;
    }

    private static BakeResult result(List<PackerArtifact> reported, String version, double seconds) {
        // Parallel builds report their artifacts in the order they finish; sorting by build name
        // (stable, so a build's own artifacts keep Packer's order) makes the result repeatable.
        List<PackerArtifact> artifacts = new ArrayList<>(reported);
        artifacts.sort(java.util.Comparator.comparing(PackerArtifact::build));
        // The image to deploy: a DigitalOcean snapshot when there is one, else the first build's first artifact.
        PackerArtifact image = artifacts.stream().filter(a -> DigitalOceanImage.of(a) != null).findFirst()
                .orElse(artifacts.get(0));
        BakeResult.Builder b = BakeResult.builder().artifactId(image.id()).builderId(image.builderId())
                .packerVersion(version).durationSeconds(seconds);
        DigitalOceanImage digitalOcean = DigitalOceanImage.of(image);
        if (digitalOcean != null) {
            b.id(digitalOcean.id()).regions(digitalOcean.regions()).name(digitalOcean.name());
        }
        artifacts.forEach(b::addBuild);
        return b.build();
    }

    private static Map<String, String> environment(BakeRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        // No version check against checkpoint.hashicorp.com from a build agent.
        env.put("CHECKPOINT_DISABLE", "1");
        request.secretVars().forEach((name, value) -> env.put("PKR_VAR_" + name, value));
        if (request.token() != null) {
            TOKEN_VARIABLES.forEach(v -> env.put(v, request.token()));
        }
        return env;
    }

    private static String version(BakeRequest request, ProcessRunner runner, Map<String, String> env,
            Cancellation cancellation) {
        List<String> lines = new ArrayList<>();
        ProcessRequest req = ProcessRequest.builder(request.executable()).args("version", "-machine-readable").env(env)
                .workingDirectory(request.workingDirectory()).build();
        ProcessResult r = runner.run(req, lines::add, lines::add, cancellation, Duration.ofMinutes(1));
        for (String l : lines) {
            MachineReadableLine line = MachineReadableLine.parse(l);
            if (line != null && line.type().equals("version") && line.field(0) != null) {
                return line.field(0);
            }
        }
        if (!r.stopped()) {
            runner.log().warn("Could not read Packer's version (packer version exited with " + r.exitCode() + ")");
        }
        return "";
    }

    private static void init(BakeRequest request, ProcessRunner runner, Map<String, String> env,
            Cancellation cancellation, Duration timeout) {
        BuildLog log = runner.log();
        log.info("The template declares required_plugins: running packer init");
        List<String> tail = new ArrayList<>();
        LineHandler keep = line -> {
            log.info(line);
            synchronized (tail) {
                tail.add(line);
                if (tail.size() > MachineReadableParser.MAX_ERROR_LINES) {
                    tail.remove(0);
                }
            }
        };
        ProcessRequest req = ProcessRequest.builder(request.executable()).args("init", request.template()).env(env)
                .workingDirectory(request.workingDirectory()).build();
        ProcessResult r = runner.run(req, keep, keep, cancellation, timeout);
        if (!r.succeeded()) {
            List<String> lines = tail.stream().filter(l -> !l.isBlank()).map(log.secrets()::mask).toList();
            String why = r.stopped() ? stoppedMessage(request, runner, r)
                    : "packer init failed with exit code " + r.exitCode() + " (it installs the plugins the template's"
                    + " required_plugins names; the build agent must reach their source or have them installed)"
                    + (lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines));
            throw new BakeFailedException(log.secrets().mask(why), r.exitCode(), lines, r.stopped(), List.of());
        }
    }

    private static String stoppedMessage(BakeRequest request, ProcessRunner runner, ProcessResult r) {
        String what = r.timedOut() ? "The bake ran longer than its timeout of " + Durations.format(request.timeout())
                : "The bake was cancelled";
        return what + (r.killed() ? "; Packer did not finish cleaning up within " + Durations.format(runner.grace())
                + " and was killed, so check the cloud for a build machine or snapshot it left behind"
                : "; Packer was interrupted and exited with code " + r.exitCode() + " after cleaning up");
    }

    private static Duration remaining(BakeRequest request, long deadline) {
        if (request.timeout() == null) {
            return null;
        }
        // A spent budget still gives Packer a moment: the runner then interrupts it as a timeout.
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static List<String> manifests(BakeRequest request, PackerTemplate template) {
        List<String> names = request.manifest() != null ? List.of(request.manifest()) : template.manifestOutputs();
        return names.stream().map(n -> onHost(request, n)).distinct().toList();
    }

    /** A path the user wrote, resolved the way Packer resolves it: against its working directory. */
    private static String onHost(BakeRequest request, String path) {
        String dir = request.workingDirectory();
        return dir == null ? path : HostFiles.resolve(dir, path);
    }

    private long lastModified(String file) {
        try {
            return files.lastModified(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private boolean isRewritten(String file, long before) {
        try {
            return files.isFile(file) && lastModified(file) != before;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<PackerArtifact> masked(List<PackerArtifact> artifacts, SecretMasker secrets) {
        return artifacts.stream().map(a -> new PackerArtifact(secrets.mask(a.build()), secrets.mask(a.builderId()),
                secrets.mask(a.id()), secrets.mask(a.description()), a.files().stream().map(secrets::mask).toList()))
                .toList();
    }
}
