package io.jenkins.plugins.immutabledeploy.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run that the CLI's class-data archive is made from when the CLI is packaged ({@code cli/pom.xml}:
 * {@code java -XX:ArchiveClassesAtExit=immutable-deploy.jsa -cp … ClassDataTraining ARCHIVE}): the
 * commands' own paths, through {@link Main#run} with their public options, against stand-in tools (tiny
 * shell scripts) and a health endpoint on loopback, so that the launcher's JVM maps those classes
 * ready-made instead of reading, verifying and linking them on every command. It does nothing a user
 * sees; a class it misses is loaded as usual. Also writes {@code ARCHIVE.jdk}, the Java home it ran on,
 * for the launcher to compare with its own.
 */
public final class ClassDataTraining {
    private static final String TOFU = """
            #!/bin/sh
            case "$1" in
              version) echo '{"terraform_version":"1.10.10"}' ;;
              plan) echo '{"@level":"info","@message":"x: Plan to create","type":"planned_change","change":{"resource":{"addr":"x"},"action":"create"}}'
                    echo '{"@level":"info","@message":"Plan: 1 to add","type":"change_summary","changes":{"add":1}}'
                    exit 2 ;;
              show) echo '{"resource_changes":[{"address":"x","change":{"actions":["create"]}}],"output_changes":{"u":{"after":"v","after_sensitive":true}}}' ;;
              apply) echo '{"@level":"info","@message":"x: Creation complete","type":"apply_complete","hook":{}}'
                     echo '{"@level":"info","@message":"Outputs: 1","type":"outputs","outputs":{"u":{"sensitive":true,"value":"v"}}}' ;;
              output) echo '{"u":{"sensitive":true,"type":"string","value":"v"}}' ;;
            esac
            """;
    private static final String PACKER = """
            #!/bin/sh
            case "$1" in
              version) echo '1700000000,,version,1.9.4' ;;
              build) echo '1700000000,,ui,say,==> training.app: one%!(PACKER_COMMA) two'
                     echo '1700000001,,ui,message,    training.app: line\\\\nnext'
                     echo '1700000002,training.app,artifact,0,builder-id,packer.file'
                     echo '1700000002,training.app,artifact,0,id,Training'
                     echo '1700000002,training.app,artifact,0,end' ;;
            esac
            """;

    private ClassDataTraining() {}

    /**
     * @param args the archive's path
     */
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("immutable-deploy-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            health.createContext("/", ex -> {
                byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            });
            health.start();
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            train(work, "http://127.0.0.1:" + health.getAddress().getPort() + "/health");
        } catch (IOException | RuntimeException e) {
            // A smaller archive, not a failed build: what was not loaded here is loaded as usual.
            err.println("immutable-deploy: the class-data training run stopped early: " + e);
        } finally {
            System.setOut(out);
            System.setErr(err);
            health.stop(0);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.writeString(Path.of(args[0] + ".jdk"), System.getProperty("java.home") + "\n");
        System.exit(0);
    }

    private static void train(Path work, String url) throws IOException {
        Path tofu = script(work.resolve("tofu"), TOFU);
        Path packer = script(work.resolve("packer"), PACKER);
        Path config = Files.createDirectories(work.resolve("config"));
        Path template = Files.writeString(work.resolve("training.pkr.hcl"), "# the stand-in packer ignores it\n");
        for (String command : List.of("bake", "deploy", "verify", "rollback", "prune-images", "release")) {
            Main.run(command, "--help");
            Main.run(command, "--no-such-option-here");
        }
        Main.run("--version");
        for (String json : List.of("--json", "--plan-only")) {
            Main.run("deploy", "--dir", config.toString(), "--terraform", tofu.toString(), "--var", "image=i",
                    "--record-dir", work.resolve("records").toString(), json);
        }
        Main.run("bake", "--template", template.toString(), "--packer", packer.toString(), "--var", "v=1", "--json");
        Main.run("verify", "--url", url, "--success-threshold", "1", "--json-pointer", "/status", "--json-expect", "UP",
                "--json");
    }

    private static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }
}
