package io.jenkins.plugins.immutabledeploy.engine.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.process.LocalProcessLauncher;
import io.jenkins.plugins.immutabledeploy.engine.process.ProcessRunner;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.testing.TestTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider mirror named by IMMUTABLE_DEPLOY_PROVIDER_MIRROR, used by the real OpenTofu through the
 * CLI configuration the deploy writes. The mirror holds a stand-in provider in the layout
 * {@code tofu providers mirror} writes: init installs it from there (it cannot run, so the plan after
 * init fails, which is how the test knows init found it in the mirror and nowhere else).
 */
class ProviderMirrorTest {
    @TempDir
    Path tmp;

    private Path mirror;
    private Path config;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void layout() throws Exception {
        mirror = tmp.resolve("mirror");
        Path provider = mirror.resolve("registry.opentofu.org/example/fake/1.0.0/linux_amd64/terraform-provider-fake_v1.0.0");
        Files.createDirectories(provider.getParent());
        Files.writeString(provider, "#!/bin/sh\necho 'a stand-in provider: it installs, it does not run' >&2\nexit 1\n");
        Files.setPosixFilePermissions(provider, PosixFilePermissions.fromString("rwxr-xr-x"));
        config = tmp.resolve("config");
        Files.createDirectories(config);
    }

    private DeployResult deploy(Map<String, String> env) {
        BuildLog log = new BuildLog(lines::add, new SecretMasker());
        TerraformDeployer deployer = new TerraformDeployer(new ProcessRunner(new LocalProcessLauncher(), log,
                Duration.ofSeconds(30)), new FileRecordStore(tmp.resolve("records")), Clock.systemUTC(), env);
        return deployer.deploy(DeployRequest.builder(config.toString()).executable(TestTools.tofu().toString()).build(),
                new Cancellation());
    }

    private String log() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private List<String> generatedConfigs() throws Exception {
        try (Stream<Path> s = Files.list(config)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".immutable-deploy-cli-config-")).toList();
        }
    }

    @Test
    void initInstallsTheRequiredProviderFromTheMirrorAndTheGeneratedConfigurationIsRemovedAfter() throws Exception {
        Files.writeString(config.resolve("main.tf"), "terraform {\n  required_providers {\n    fake = {\n"
                + "      source  = \"example/fake\"\n      version = \"1.0.0\"\n    }\n  }\n}\n"
                + "resource \"terraform_data\" \"x\" {\n  input = \"hello\"\n}\n");

        assertThatThrownBy(() -> deploy(Map.of(ProviderMirror.MIRROR_ENV, mirror.toString())))
                .isInstanceOf(DeployException.class);

        assertThat(log()).contains("Installing providers only from the provider mirror " + mirror,
                "Installed example/fake v1.0.0");
        assertThat(generatedConfigs()).isEmpty();
        assertThat(config.resolve(".terraform.lock.hcl")).content().contains("registry.opentofu.org/example/fake");
    }

    @Test
    void aConfigurationWithoutProvidersDeploysWithTheMirrorSet() throws Exception {
        Files.writeString(config.resolve("main.tf"), "resource \"terraform_data\" \"x\" {\n  input = \"hello\"\n}\n");

        DeployResult r = deploy(Map.of(ProviderMirror.MIRROR_ENV, mirror.toString(),
                ProviderMirror.CLI_CONFIG_ENV, tmp.resolve("no-such.tfrc").toString()));

        assertThat(r.changed()).isTrue();
        assertThat(log()).contains("which does not exist: using a CLI configuration for the provider mirror instead");
        assertThat(generatedConfigs()).isEmpty();
    }

    @Test
    void aCliConfigurationTheUserSetIsLeftInCharge() throws Exception {
        Files.writeString(config.resolve("main.tf"), "resource \"terraform_data\" \"x\" {\n  input = \"hello\"\n}\n");
        Path own = Files.writeString(tmp.resolve("own.tfrc"), "");

        deploy(Map.of(ProviderMirror.MIRROR_ENV, mirror.toString(), ProviderMirror.CLI_CONFIG_ENV, own.toString()));

        assertThat(log()).contains("using your CLI configuration").doesNotContain("Installing providers only from");
    }

    @Test
    void aMirrorThatIsNotThereIsRefusedWithHowToMakeIt() {
        Files.exists(config);
        assertThatThrownBy(() -> deploy(Map.of(ProviderMirror.MIRROR_ENV, tmp.resolve("missing").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ProviderMirror.MIRROR_ENV)
                .hasMessageContaining("tofu providers mirror " + tmp.resolve("missing"));
    }

    @Test
    void theGeneratedConfigurationQuotesThePathForHcl() {
        assertThat(ProviderMirror.cliConfig("/srv/mirrors/\"odd\" ${x}\\"))
                .contains("path = \"/srv/mirrors/\\\"odd\\\" $${x}\\\\\"")
                .contains("provider_installation {", "filesystem_mirror {");
    }
}
