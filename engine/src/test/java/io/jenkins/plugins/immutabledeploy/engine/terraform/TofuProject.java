package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the test configuration ({@code webapp/}) in a temporary folder, deployed with the real
 * OpenTofu: each test gets its own state, records and log.
 */
final class TofuProject {
    static final String DB_PASSWORD = "s3cret-Db-pass!";
    static final String API_KEY = "ak_live_7f3c9e1d";
    static final String TOKEN = "dop_v1_test_9c1e77aa";

    final Path root;
    final Path dir;
    final Path records;
    final Path cliConfig;

    TofuProject(Path root) {
        this.root = root;
        this.dir = root.resolve("webapp");
        this.records = root.resolve("records");
        this.cliConfig = root.resolve("tofurc");
        try {
            Files.createDirectories(dir);
            for (String f : List.of("main.tf", "release.txt")) {
                try (InputStream in = TofuProject.class.getResourceAsStream("webapp/" + f)) {
                    Files.copy(in, dir.resolve(f));
                }
            }
            // This machine points TF_CLI_CONFIG_FILE at a file that may not exist; an empty one keeps the log clean.
            Files.writeString(cliConfig, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with the pinned OpenTofu and both secrets. */
    DeployRequest.Builder request(String image) {
        return DeployRequest.builder(dir.toString())
                .executable(TestTools.tofu().toString())
                .environment("TF_CLI_CONFIG_FILE", cliConfig.toString())
                .var("image", image)
                .secretVar("db_password", DB_PASSWORD, "DB_PASSWORD")
                .secretVar("api_key", API_KEY, "API_KEY")
                .token(TOKEN);
    }

    /** A log that keeps its lines, and a deployer writing to it. */
    Session session() {
        return new Session();
    }

    FileRecordStore recordStore() {
        return new FileRecordStore(records);
    }

    /** Every file under the project (config, state, records), for "the secret is nowhere" checks. */
    List<Path> allFiles() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under the project that hold the given text, leaving out the tool's own state files. */
    List<Path> filesOutsideStateContaining(String text) {
        List<Path> found = new ArrayList<>();
        for (Path f : allFiles()) {
            String name = f.getFileName().toString();
            if (name.startsWith("terraform.tfstate")) {
                continue; // Terraform's state holds sensitive values by design; protecting it is the backend's job.
            }
            try {
                if (Files.readString(f).contains(text)) {
                    found.add(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    final class Session {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final SecretMasker secrets = new SecretMasker();
        final BuildLog log = new BuildLog(lines::add, secrets);
        final TerraformDeployer deployer = new TerraformDeployer(
                new ProcessRunner(new LocalProcessLauncher(), log, Duration.ofSeconds(30)), recordStore(), java.time.Clock.systemUTC(),
                Map.of());

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
