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
final class ReleaseFixture implements AutoCloseable {
    final Path root;
    final Path dir;
    final Path state;
    final FileRecordStore records;
    final HealthServer server;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<RunContext.Journal.Entry> journal = Collections.synchronizedList(new ArrayList<>());
    private final Path cliConfig;

    ReleaseFixture(Path root) throws IOException {
        this(root, "bluegreen");
    }

    ReleaseFixture(Path root, String resource) throws IOException {
        this.root = root;
        this.dir = Files.createDirectories(root.resolve("app"));
        this.state = Files.createDirectories(root.resolve("state"));
        this.records = new FileRecordStore(root.resolve("records"));
        try (InputStream in = ReleaseFixture.class.getResourceAsStream(resource + "/main.tf")) {
            Files.copy(in, dir.resolve("main.tf"));
        }
        this.cliConfig = root.resolve("tofurc");
        Files.writeString(cliConfig, "");
        this.server = HealthServer.http((n, path) -> answer(path));
    }

    private Answer answer(String path) throws IOException {
        if (path.startsWith("/stable")) {
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

    /** @return the image the stable address serves, or null before there is one */
    String address() throws IOException {
        try {
            return Files.readString(state.resolve("address")).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** @return the images whose servers run */
    List<String> servers() throws IOException {
        Path dir = state.resolve("servers");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** @return every server boot, in order */
    List<String> boots() throws IOException {
        Path log = state.resolve("boots.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** @return each resource instance of the state by address, with its id: what "untouched" is checked against */
    Map<String, String> stateIds() throws IOException {
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

    /** A deploy request for the configuration, with the pinned OpenTofu. */
    DeployRequest.Builder deploy() {
        return DeployRequest.builder(dir.toString()).executable(TestTools.tofu().toString())
                .environment("TF_CLI_CONFIG_FILE", cliConfig.toString())
                .var("base_url", server.url("")).var("state_dir", state.toString());
    }

    /** Fast checks: every 100 ms, 2 passes in a row, 2 failures after the first answer fail. */
    ReleaseChecks checks() {
        return new ReleaseChecks(VerifyRequest.builder().urls(List.of(ReleaseChecks.ADDRESS), c -> c
                .interval(Duration.ofMillis(100)).successThreshold(2).failureThreshold(2).timeout(Duration.ofSeconds(20))
                .jsonPointer("/status").jsonExpect("UP")).build(), "/health");
    }

    BlueGreen.Request request(String image) {
        return new BlueGreen.Request(deploy().build(), image, checks(), null, null);
    }

    RunContext context() {
        return context(new Cancellation());
    }

    RunContext context(Cancellation cancellation) {
        return RunContext.builder(lines::add).records(records).journal(journal::add).cancellation(cancellation)
                .toolEnvironment(Map.of()).build();
    }

    BlueGreen.Result release(String image) {
        return BlueGreen.run(request(image), context());
    }

    String log() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
