package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps run their tools through {@code sh}: on a Windows agent they say so at once, naming the node. */
class WindowsAgentTest {
    private static final String MESSAGE = "the immutable-deploy steps run Packer and OpenTofu/Terraform through sh and"
            + " stop them with kill, so they need a Unix agent (Linux or macOS); the node win-2 is Windows. Run the step"
            + " on a Linux or macOS agent, e.g. inside node('linux') { ... }.";

    @TempDir
    Path tmp;

    private Fixture windows() {
        Fixture f = new Fixture(tmp);
        f.env.put("NODE_NAME", "win-2");
        return f;
    }

    /** A launcher of a Windows agent: what the step gets there. */
    private static Launcher windowsLauncher(Fixture f) {
        return new Launcher.LocalLauncher(f.log) {
            @Override
            public boolean isUnix() {
                return false;
            }
        };
    }

    @Test
    void aStepThatRunsAToolSaysItNeedsAUnixAgentBeforeAnythingElse() throws Exception {
        Fixture f = windows();
        BakeImageStep bake = new BakeImageStep("packer.pkr.hcl");
        bake.setCredentialsId("not-even-looked-up");
        TestStepContext context = f.context().with(Launcher.class, windowsLauncher(f));
        bake.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class).hasMessage(MESSAGE);
        assertThat(f.log.text()).doesNotContain("sh -c");
    }

    @Test
    void theFreestyleBuildersSayItToo() {
        Fixture f = windows();
        ImmutableDeployBuilder deploy = new ImmutableDeployBuilder("terraform");
        RollbackDeployBuilder rollback = new RollbackDeployBuilder("terraform");

        assertThatThrownBy(() -> deploy.perform(f.build, f.workspace, f.env, windowsLauncher(f), f.log))
                .isInstanceOf(AbortException.class).hasMessage(MESSAGE);
        assertThatThrownBy(() -> rollback.perform(f.build, f.workspace, f.env, windowsLauncher(f), f.log))
                .isInstanceOf(AbortException.class).hasMessage(MESSAGE);
    }

    @Test
    void aReleaseInPhasesSaysItBeforeItPlansAnything() throws Exception {
        Fixture f = windows();
        BlueGreenDeployStep release = new BlueGreenDeployStep("terraform", "app-2.0.0");
        TestStepContext context = f.context().with(Launcher.class, windowsLauncher(f));
        release.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class).hasMessage(MESSAGE);
        assertThat(f.log.text()).doesNotContain("sh -c");
    }

    @Test
    void verifyAndPruneRunNoToolAndAreNotRefused() throws Exception {
        Fixture f = windows();
        try (HealthServer server = new HealthServer(200)) {
            TestStepContext context = f.context().with(Launcher.class, windowsLauncher(f));
            VerifyDeployStepTest.fast(new VerifyDeployStep(server.url())).start(context).start();

            assertThat(context.await()).isNotNull();
        }
        VerifyDeployStep withRollback = new VerifyDeployStep("http://127.0.0.1:1/health");
        withRollback.setRollback(true);
        withRollback.setDir("terraform");
        TestStepContext context = f.context().with(Launcher.class, windowsLauncher(f));
        withRollback.start(context).start();
        assertThatThrownBy(context::await).isInstanceOf(AbortException.class).hasMessage(MESSAGE);
        assertThat(Files.exists(f.dir.resolveSibling("app@tmp"))).as("nothing was started").isFalse();
    }
}
