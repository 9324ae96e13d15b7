package io.jenkins.plugins.immutabledeploy.engine.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {
    private final HostFiles files = HostFiles.local();

    @TempDir
    Path dir;

    @Test
    void tellsFilesFoldersAndExecutablesApartAndListsNamesSorted() throws IOException {
        Path tool = Files.writeString(dir.resolve("tofu"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        Files.writeString(dir.resolve("b.pkr.hcl"), "x");
        Files.writeString(dir.resolve("a.pkr.hcl"), "x");
        Files.createDirectory(dir.resolve("sub"));

        assertThat(files.isFile(tool.toString())).isTrue();
        assertThat(files.isExecutable(tool.toString())).isTrue();
        assertThat(files.isExecutable(dir.resolve("a.pkr.hcl").toString())).isFalse();
        assertThat(files.isExecutable(dir.resolve("sub").toString())).as("a folder is not a tool").isFalse();
        assertThat(files.isDirectory(dir.resolve("sub").toString())).isTrue();
        assertThat(files.isFile(dir.resolve("missing").toString())).isFalse();
        assertThat(files.list(dir.toString())).containsExactly("a.pkr.hcl", "b.pkr.hcl", "sub", "tofu");
        assertThat(files.list(tool.toString())).as("a file has no entries").isEmpty();
        assertThat(files.lastModified(dir.resolve("missing").toString())).isZero();
        assertThat(files.lastModified(tool.toString())).isEqualTo(Files.getLastModifiedTime(tool).toMillis());
    }

    @Test
    void aPrivateFolderIsOwnerOnlyAndGoesWithEverythingInIt() throws IOException {
        String made = files.createPrivateDirectory(dir.toString(), ".immutable-deploy-plan-");
        Files.createDirectories(Path.of(made, "nested"));
        Files.writeString(Path.of(made, "nested", "deploy.tfplan"), "secret values");

        assertThat(Path.of(made).getFileName().toString()).startsWith(".immutable-deploy-plan-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(made)))).isEqualTo("rwx------");
        assertThat(files.readString(Path.of(made, "nested", "deploy.tfplan").toString())).isEqualTo("secret values");
        try (InputStream in = files.open(Path.of(made, "nested", "deploy.tfplan").toString())) {
            assertThat(in.readAllBytes()).hasSize(13);
        }
        files.deleteRecursively(made);
        assertThat(Path.of(made)).doesNotExist();
        files.deleteRecursively(made);
    }

    @Test
    void aWrittenFileIsReadBackAsUtf8AndReplacedWhenWrittenAgain() throws IOException {
        String made = files.createPrivateDirectory(dir.toString(), ".immutable-deploy-cli-config-");
        String file = made + "/provider-mirror.tfrc";

        files.writeString(file, "path = \"/srv/mïrror\"\n");
        files.writeString(file, "path = \"/srv/mïrror-2\"\n");

        assertThat(files.readString(file)).isEqualTo("path = \"/srv/mïrror-2\"\n");
        assertThat(Files.readAllBytes(Path.of(file))).isEqualTo("path = \"/srv/mïrror-2\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * In Jenkins the tools often run on an agent while the engine runs on the controller: code that
     * reads the template, finds the tool or keeps the plan must go through the port.
     */
    @Test
    void packerTerraformAndToolLookupReachTheToolsMachineOnlyThroughThePort() throws IOException {
        Path engine = Path.of("src/main/java/io/jenkins/plugins/immutabledeploy/engine");
        Pattern direct = Pattern.compile("import java\\.nio\\.file\\.Files;|import java\\.io\\.File;|\\bnew File\\(");
        List<String> offenders = new ArrayList<>();
        for (Path folder : List.of(engine.resolve("packer"), engine.resolve("terraform"))) {
            try (Stream<Path> sources = Files.list(folder)) {
                for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (direct.matcher(Files.readString(p)).find()) {
                        offenders.add(p.getFileName().toString());
                    }
                }
            }
        }
        if (direct.matcher(Files.readString(engine.resolve("process/ToolLocator.java"))).find()) {
            offenders.add("ToolLocator.java");
        }
        assertThat(offenders).isEmpty();
    }
}
