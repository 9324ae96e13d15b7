package io.jenkins.plugins.immutabledeploy.engine.ops;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer;
import io.jenkins.plugins.immutabledeploy.engine.verify.HealthServer.Answer;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configuration that follows the release contract ({@code ops/bluegreen/main.tf}), deployed with the real OpenTofu,
 * and a real HTTP server on loopback that answers for its servers and its stable address as the images say:
 * an image named {@code *bad*} answers 500 everywhere; one named {@code *sick-behind*} is healthy on its own address
 * and answers 500 through the stable address; any other answers {@code {"status":"UP"}}.
 */
public final class ReleaseFixture implements AutoCloseable {
    public final Path root;
    public final Path dir;
    public final Path state;
    public final FileRecordStore records;
    public final HealthServer server;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    public final List<RunContext.Journal.Entry> journal = Collections.synchronizedList(new ArrayList<>());
    private final Path cliConfig;
    private final String resource;

    public ReleaseFixture(Path root) throws IOException {
        this(root, "bluegreen");
    }

    public ReleaseFixture(Path root, String resource) throws IOException {
        this.root = root;
        this.dir = Files.createDirectories(root.resolve("app"));
        this.state = Files.createDirectories(root.resolve("state"));
        this.records = new FileRecordStore(root.resolve("records"));
        try (InputStream in = ReleaseFixture.class.getResourceAsStream(resource + "/main.tf")) {
            Files.copy(in, dir.resolve("main.tf"));
        }
        this.cliConfig = root.resolve("tofurc");
        this.resource = resource;
        Files.writeString(cliConfig, "");
        this.server = HealthServer.http((n, path) -> answer(path));
    }

    private Answer answer(String path) throws IOException {
        if (path.startsWith("/stable")) {
            if (Files.exists(state.resolve("hold-stable"))) {
                // No answer within an attempt's time limit: not up yet, waited for.
                return new Answer(200, "{\"status\":\"UP\"}", 8000);
            }
            String live = address();
            if (live == null) {
                return Answer.of(502, "no address");
            }
            return live.contains("bad") || live.contains("sick-behind") ? Answer.of(500, "{\"status\":\"DOWN\"}")
                    : Answer.ok("{\"status\":\"UP\",\"image\":\"" + live + "\"}");
        }
        if (path.startsWith("/server/")) {
            String image = path.substring("/server/".length()).replaceAll("/.*", "");
            if (!servers().contains(image)) {
                return Answer.of(502, "no server " + image);
            }
            return image.contains("bad") ? Answer.of(500, "{\"status\":\"DOWN\"}")
                    : Answer.ok("{\"status\":\"UP\",\"image\":\"" + image + "\"}");
        }
        return Answer.of(404, "unknown");
    }

    /** Makes the stable address answer nothing in time, until {@link #releaseStable()}: a test holds the checks there. */
    public void holdStable() throws IOException {
        Files.writeString(state.resolve("hold-stable"), "");
    }

    /** Lets the stable address answer again. */
    public void releaseStable() throws IOException {
        Files.deleteIfExists(state.resolve("hold-stable"));
    }

    /** @return the image the stable address serves, or null before there is one */
    public String address() throws IOException {
        try {
            return Files.readString(state.resolve("address")).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** @return the images whose servers run */
    public List<String> servers() throws IOException {
        Path dir = state.resolve("servers");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** @return every server boot, in order */
    public List<String> boots() throws IOException {
        Path log = state.resolve("boots.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** @return each resource instance of the state by address, with its id: what "untouched" is checked against */
    public Map<String, String> stateIds() throws IOException {
        Map<String, String> ids = new TreeMap<>();
        Path file = dir.resolve("terraform.tfstate");
        if (!Files.exists(file)) {
            return ids;
        }
        var doc = Json.MAPPER.readTree(file.toFile());
        for (var r : doc.path("resources")) {
            for (var i : r.path("instances")) {
                String key = i.has("index_key") ? "[" + Json.write(Json.MAPPER.convertValue(i.get("index_key"), Object.class)) + "]" : "";
                ids.put(r.path("type").asText() + "." + r.path("name").asText() + key
                        + (i.has("deposed") ? " deposed " + i.path("deposed").asText() : ""),
                        i.path("attributes").path("id").asText());
            }
        }
        return ids;
    }

    /**
     * Rewrites the configuration, e.g. to break its contract.
     *
     * @param edit the new text from the old
     */
    public void edit(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path main = dir.resolve("main.tf");
        Files.writeString(main, edit.apply(Files.readString(main)));
    }

    /** The configuration without the output for the candidate's own address. */
    public static String withoutCandidateUrl(String tf) {
        return tf.substring(0, tf.indexOf("output \"candidate_url\""));
    }

    /** The configuration with the live image's variable called {@code image}. */
    public static String withImageVariable(String tf) {
        return tf.replace("variable \"live_image\"", "variable \"image\"").replace("var.live_image", "var.image");
    }

    /** The configuration with one server, not keyed by image: a new image would replace it. */
    public static String withOneServer(String tf) {
        return tf.replace("for_each = toset(compact([var.live_image, var.candidate_image]))", "count = 1")
                .replace("image = each.key", "image = var.candidate_image == \"\" ? var.live_image : var.candidate_image")
                .replace("each.key", "self.input.image").replace("terraform_data.server[var.live_image].id",
                        "terraform_data.server[0].id");
    }

    /** @return an empty CLI configuration for OpenTofu (this machine may name one that does not exist) */
    public Path cliConfig() {
        return cliConfig;
    }

    /**
     * @param name the folder name
     * @return another configuration of the same kind beside this one (same server, same state folder)
     */
    public Path copy(String name) throws IOException {
        Path other = Files.createDirectories(root.resolve(name));
        try (InputStream in = ReleaseFixture.class.getResourceAsStream(resource + "/main.tf")) {
            Files.copy(in, other.resolve("main.tf"));
        }
        return other;
    }

    /** A deploy request for the configuration, with the pinned OpenTofu. */
    public DeployRequest.Builder deploy() {
        return DeployRequest.builder(dir.toString()).executable(TestTools.tofu().toString())
                .environment("TF_CLI_CONFIG_FILE", cliConfig.toString())
                .var("base_url", server.url("")).var("state_dir", state.toString());
    }

    /** Fast checks: every 100 ms, 2 passes in a row, 2 failures after the first answer fail. */
    public ReleaseChecks checks() {
        return new ReleaseChecks(VerifyRequest.builder().urls(List.of(ReleaseChecks.ADDRESS), c -> c
                .interval(Duration.ofMillis(100)).successThreshold(2).failureThreshold(2).timeout(Duration.ofSeconds(20))
                .jsonPointer("/status").jsonExpect("UP")).build(), "/health");
    }

    public BlueGreen.Request request(String image) {
        return new BlueGreen.Request(deploy().build(), image, checks(), null, null);
    }

    public RunContext context() {
        return context(new Cancellation());
    }

    public RunContext context(Cancellation cancellation) {
        return RunContext.builder(lines::add).records(records).journal(journal::add).cancellation(cancellation)
                .toolEnvironment(Map.of()).build();
    }

    public BlueGreen.Result release(String image) {
        return BlueGreen.run(request(image), context());
    }

    public String log() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
