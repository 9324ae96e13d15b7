package io.jenkins.plugins.immutabledeploy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolLocatorTest {
    @TempDir
    Path tmp;

    private Path executable(String dir, String name) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path p = d.resolve(name);
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void anExplicitPathWinsOverTheToolsFolderAndPath() throws IOException {
        Path explicit = executable("mine", "tofu");
        executable("tools", "tofu");
        executable("path", "tofu");

        Path found = ToolLocator.find(explicit.toString(),
                Map.of(ToolLocator.TOOLS_ENV, tmp.resolve("tools").toString(), "PATH", tmp.resolve("path").toString()),
                "tofu");

        assertThat(found).isEqualTo(explicit);
    }

    @Test
    void theToolsFolderWinsOverPath() throws IOException {
        Path tools = executable("tools", "packer");
        executable("path", "packer");

        Path found = ToolLocator.find(null,
                Map.of(ToolLocator.TOOLS_ENV, tmp.resolve("tools").toString(), "PATH", tmp.resolve("path").toString()),
                "packer");

        assertThat(found).isEqualTo(tools);
    }

    @Test
    void pathIsSearchedInOrderAndTheFirstNameFoundAnywhereWins() throws IOException {
        executable("b", "terraform");
        Path tofu = executable("c", "tofu");

        Path found = ToolLocator.find(" ", Map.of("PATH", tmp.resolve("a") + "::" + tmp.resolve("b") + ":" + tmp.resolve("c")),
                "tofu", "terraform");

        assertThat(found).isEqualTo(tofu);
    }

    @Test
    void aLaterNameIsUsedWhenTheFirstIsNowhere() throws IOException {
        Path terraform = executable("b", "terraform");

        assertThat(ToolLocator.find(null, Map.of("PATH", tmp.resolve("b").toString()), "tofu", "terraform"))
                .isEqualTo(terraform);
    }

    @Test
    void aFileThatIsNotExecutableOrAFolderIsNotATool() throws IOException {
        Files.createDirectories(tmp.resolve("a/packer"));
        Files.createDirectories(tmp.resolve("b"));
        Files.writeString(tmp.resolve("b/packer"), "not executable");

        assertThatThrownBy(() -> ToolLocator.find(null,
                Map.of("PATH", tmp.resolve("a") + ":" + tmp.resolve("b")), "packer"))
                .isInstanceOf(ToolNotFoundException.class);
    }

    @Test
    void aMissingToolNamesEveryPlaceLookedAtAndHowToInstallIt() {
        String tools = tmp.resolve("tools").toString();

        assertThatThrownBy(() -> ToolLocator.find(null, Map.of(ToolLocator.TOOLS_ENV, tools, "PATH", "/nowhere"),
                "tofu", "terraform"))
                .isInstanceOfSatisfying(ToolNotFoundException.class, e -> {
                    assertThat(e.tool()).isEqualTo("tofu or terraform");
                    assertThat(e.lookedAt()).containsExactly(
                            "tofu in IMMUTABLE_DEPLOY_TOOLS=" + tools + " and PATH",
                            "terraform in IMMUTABLE_DEPLOY_TOOLS=" + tools + " and PATH");
                })
                .hasMessageContaining("tofu or terraform was not found")
                .hasMessageContaining("Install tofu on the machine that runs the build, on its PATH or in the folder"
                        + " IMMUTABLE_DEPLOY_TOOLS names")
                .hasMessageNotContaining("install-tools.sh");
    }

    @Test
    void theHintNamesTheExecutableAsTheCallerDoes() {
        Map<String, String> env = Map.of("PATH", "/nowhere");
        Vocabulary pipeline = Vocabulary.FIELDS.with(Map.of("executable", "terraform"));
        Vocabulary cli = Vocabulary.OPTIONS.with(Map.of("executable", "--terraform"));

        assertThatThrownBy(() -> ToolLocator.find(HostFiles.local(), null, env, pipeline, "tofu", "terraform"))
                .hasMessageEndingWith("or give its path with terraform.");
        assertThatThrownBy(() -> ToolLocator.find(HostFiles.local(), null, env, cli, "tofu", "terraform"))
                .hasMessageEndingWith("or give its path with --terraform.");
    }

    @Test
    void anExplicitPathThatIsNotAToolIsAnErrorEvenWhenPathHasOne() throws IOException {
        executable("path", "packer");
        String wrong = tmp.resolve("typo/packer").toString();

        assertThatThrownBy(() -> ToolLocator.find(wrong, Map.of("PATH", tmp.resolve("path").toString()), "packer"))
                .isInstanceOf(ToolNotFoundException.class)
                .hasMessageContaining(wrong + " (given explicitly; not an executable file)");
    }

    @Test
    void withoutPathOnlyTheToolsFolderIsSearched() {
        assertThatThrownBy(() -> ToolLocator.find(null, Map.of(), "packer"))
                .hasMessageContaining("looked for: packer in PATH");
    }
}
