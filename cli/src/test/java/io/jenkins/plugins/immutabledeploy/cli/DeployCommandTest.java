package io.jenkins.plugins.immutabledeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code immutable-deploy deploy} as a separate Java process, as a shell would, against the
 * real OpenTofu: secrets come from that process's environment, the exit code is the process's.
 */
class DeployCommandTest {
    private static final String DB_PASSWORD = "cli-Db-s3cret";
    private static final String API_KEY = "ak_cli_5e2b8f0a";
    private static final String TOKEN = "dop_v1_0123456789abcdef";

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void copyConfiguration() throws IOException {
        dir = tmp.resolve("webapp");
        Files.createDirectories(dir);
        for (String f : List.of("main.tf", "release.txt")) {
            try (InputStream in = getClass().getResourceAsStream(
                    "/io/jenkins/plugins/immutabledeploy/engine/terraform/webapp/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        Files.writeString(tmp.resolve("tofurc"), "");
    }

    /** The records of the configuration: {@code .immutable-deploy/records/webapp-<hash of its path>/default}. */
    private Path recordsFolder() throws IOException {
        try (Stream<Path> folders = Files.list(tmp.resolve(".immutable-deploy/records"))) {
            return folders.filter(f -> f.getFileName().toString().matches("webapp-[0-9a-f]{8}")).findFirst().orElseThrow()
                    .resolve("default");
        }
    }

    @Test
    void deployPrintsOneJsonObjectWithMaskedOutputsAndWritesTheRecordUnderRecordDir() throws Exception {
        Run run = deploy("--var", "image=img-1", "--json");

        assertThat(run.exit).as(run.stderr).isZero();
        Map<String, Object> result = object(run.stdout);
        assertThat(result).containsEntry("changed", true).containsEntry("drift", false).containsEntry("tool", "tofu");
        assertThat(object(Json.write(result.get("outputs")))).containsEntry("image", "img-1").containsEntry("database_url", "****");
        assertThat((String) result.get("record")).matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{6}");
        assertThat(recordsFolder().resolve(result.get("record") + ".json")).exists();
        assertThat(run.stderr).contains("$ tofu apply", "booting img-1 with key **** token ****");
        assertThat(run.stdout.strip().lines()).hasSize(1);
        assertNoSecretAnywhere(run);
    }

    @Test
    void aPlanOnlyRunExitsWith4WhenTheInfrastructureDriftedAnd0WhenItDidNot() throws Exception {
        assertThat(deploy("--var", "image=img-1").exit).isZero();
        Run clean = deploy("--var", "image=img-1", "--plan-only");
        Files.writeString(dir.resolve("release.txt"), "v9-edited-by-hand\n");

        Run drifted = deploy("--var", "image=img-1", "--plan-only", "--json");

        assertThat(clean.exit).as(clean.stderr).isZero();
        assertThat(clean.stdout).contains("No drift");
        assertThat(drifted.exit).as(drifted.stderr).isEqualTo(ExitCodes.DRIFT);
        Map<String, Object> result = object(drifted.stdout);
        assertThat(result).containsEntry("drift", true).containsEntry("changed", false);
        assertThat(result.get("changes")).isEqualTo(List.of(Map.of("address", "terraform_data.release", "action", "update")));
        assertNoSecretAnywhere(drifted);
    }

    @Test
    void theGateStopExitsWith1AndNamesTheAddressesItStoppedOn() throws Exception {
        assertThat(deploy("--var", "image=img-1").exit).isZero();

        Run stopped = deploy("--var", "image=img-1", "--var", "with_worker=false", "--var", "dns_name=app-2");

        assertThat(stopped.exit).isEqualTo(ExitCodes.FAILED);
        assertThat(stopped.stderr).contains("ERROR: The destroy gate stopped the deploy",
                "terraform_data.worker[0]", "terraform_data.dns", "allow it with --allow-destroy,", "--allow-destroy-of",
                "allow it with --allow-destroy-first.");
        // The command line's names only, not the Pipeline's.
        assertThat(stopped.stderr).doesNotContain("allowDestroy");
        assertThat(stopped.stderr).doesNotContain("$ tofu apply");

        Run allowed = deploy("--var", "image=img-1", "--var", "with_worker=false", "--var", "dns_name=app-2",
                "--allow-destroy-of", "terraform_data.worker*", "--allow-destroy-first");

        assertThat(allowed.exit).as(allowed.stderr).isZero();
        assertThat(allowed.stdout).contains("delete terraform_data.worker[0]", "replace-destroy-first terraform_data.dns");
        try (Stream<Path> records = Files.list(recordsFolder())) {
            assertThat(records.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(3);
        }
    }

    @Test
    void ctrlCDuringApplyLetsOpenTofuStopAndReleaseTheLockBeforeTheCommandExits() throws Exception {
        List<String> cmd = command(List.of("--var", "image=img-1", "--var", "sleep_seconds=60"));
        ProcessBuilder pb = processBuilder(cmd, secretEnv());
        Process p = pb.start();
        StringBuffer err = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(l -> err.append(l).append('\n'));
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.start();
        Path lockFile = dir.resolve(".terraform.tfstate.lock.info");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(err.toString().contains("Provisioning with 'local-exec'") && Files.exists(lockFile))) {
            assertThat(System.nanoTime()).as("apply never started: " + err).isLessThan(deadline);
            Thread.sleep(50);
        }

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command exits once OpenTofu stopped").isTrue();
        reader.join(5000);
        assertThat(err.toString()).contains("interrupting tofu (SIGINT)", "cancelled during tofu apply")
                .doesNotContain("killing it");
        assertThat(lockFile).doesNotExist();
        assertThat(Files.readString(dir.resolve("terraform.tfstate"))).contains("terraform_data");
        try (Stream<Path> records = Files.list(recordsFolder())) {
            assertThat(records.map(f -> read(f)).toList()).singleElement().asString().contains("\"result\" : \"failed\"");
        }
    }

    @Test
    void aSecretVariableWhoseEnvironmentVariableIsUnsetIsAUsageErrorNamingIt() throws Exception {
        Run run = run(List.of("deploy", "--dir", dir.toString(), "--var", "image=img-1",
                "--secret-var", "db_password=NOT_SET_ANYWHERE"), Map.of());

        assertThat(run.exit).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr).contains("--secret-var db_password", "NOT_SET_ANYWHERE", "is not set");
    }

    private Run deploy(String... args) throws Exception {
        return run(command(List.of(args)), secretEnv());
    }

    private static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("deploy", "--dir", "webapp",
                "--secret-var", "db_password=APP_DB_PASSWORD", "--secret-var", "api_key=APP_API_KEY",
                "--token-env", "DO_TOKEN", "--lock-timeout", "5s", "--timeout", "5m"));
        cmd.addAll(args);
        return cmd;
    }

    private static Map<String, String> secretEnv() {
        return Map.of("APP_DB_PASSWORD", DB_PASSWORD, "APP_API_KEY", API_KEY, "DO_TOKEN", TOKEN);
    }

    private ProcessBuilder processBuilder(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().putAll(env);
        pb.environment().put("IMMUTABLE_DEPLOY_TOOLS", TestTools.toolsDir().toString());
        pb.environment().put("TF_CLI_CONFIG_FILE", tmp.resolve("tofurc").toString());
        return pb;
    }

    private Run run(List<String> args, Map<String, String> env) throws Exception {
        Process p = processBuilder(args, env).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out, err.get());
    }

    private void assertNoSecretAnywhere(Run run) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(tmp)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("terraform.tfstate"))
                    .toList();
        }
        for (String secret : List.of(DB_PASSWORD, API_KEY, TOKEN)) {
            assertThat(run.stdout).doesNotContain(secret);
            assertThat(run.stderr).doesNotContain(secret);
            for (Path f : files) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
            }
        }
    }

    static Map<String, Object> object(String json) throws IOException {
        return Json.MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exit, String stdout, String stderr) {}
}
