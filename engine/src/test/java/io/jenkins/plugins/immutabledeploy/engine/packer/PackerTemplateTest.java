package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerTemplateTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfHclFilesNeedsInitWhenOneDeclaresRequiredPlugins() throws IOException {
        Files.writeString(dir.resolve("build.pkr.hcl"), "build { sources = [] }\n");
        assertThat(new PackerTemplate(HostFiles.local(), dir.toString()).needsInit()).isFalse();
        Files.writeString(dir.resolve("plugins.pkr.hcl"), "packer {\n  required_plugins {\n  }\n}\n");
        assertThat(new PackerTemplate(HostFiles.local(), dir.toString()).needsInit()).isTrue();
    }

    @Test
    void aCommentedOutRequiredPluginsBlockDoesNotNeedInit() throws IOException {
        Path t = Files.writeString(dir.resolve("t.pkr.hcl"), "# required_plugins {\n");
        assertThat(new PackerTemplate(HostFiles.local(), t.toString()).needsInit()).isFalse();
    }

    @Test
    void manifestOutputsAreReadFromHclBlocksWithThePackerDefaultWhenUnsetAndComputedOnesLeftOut() throws IOException {
        Path t = Files.writeString(dir.resolve("t.pkr.hcl"), """
                build {
                  post-processor "manifest" {
                    output     = "out/manifest.json"
                    custom_data = { a = "{" }
                  }
                  post-processor "manifest" {
                    strip_path = true
                  }
                  post-processor "manifest" {
                    output = "${var.dir}/m.json"
                  }
                }
                """);
        assertThat(new PackerTemplate(HostFiles.local(), t.toString()).manifestOutputs()).containsExactly("out/manifest.json", "packer-manifest.json");
    }

    @Test
    void aLegacyJsonTemplatesManifestsAreFoundInChainsAndItNeverNeedsInit() throws IOException {
        Path t = Files.writeString(dir.resolve("packer.json"), """
                {"builders": [], "post-processors": ["compress", {"type": "manifest"},
                  [{"type": "shell-local"}, {"type": "manifest", "output": "chain.json"}]]}
                """);
        PackerTemplate template = new PackerTemplate(HostFiles.local(), t.toString());
        assertThat(template.isLegacyJson()).isTrue();
        assertThat(template.needsInit()).isFalse();
        assertThat(template.manifestOutputs()).containsExactly("packer-manifest.json", "chain.json");
    }
}
