package io.jenkins.plugins.immutabledeploy.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestToolsTest {
    @Test
    void aMissingToolFailsTheTestWithTheCommandThatInstallsIt(@TempDir Path empty) {
        assertThatThrownBy(() -> TestTools.tool(empty, "packer"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("packer is not installed at " + empty.resolve("packer") + ": run scripts/install-tools.sh"
                        + " (or set IMMUTABLE_DEPLOY_TOOLS to a folder holding packer and tofu)");
    }

    @Test
    void theRepoRootIsTheFolderHoldingTheInstallScript() {
        assertThat(TestTools.repoRoot().resolve("scripts/install-tools.sh")).isRegularFile();
    }
}
