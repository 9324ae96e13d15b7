package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousResumeNotSupportedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller restart while a step runs its tool: Pipeline resumes the step's execution from what it saved (the
 * execution serialized with its context), and the step, which cannot go on, first stops the tool it had started.
 */
class RestartTest {
    @TempDir
    Path tmp;

    /** What Pipeline keeps of a running step across a restart, read back into the restarted controller's context. */
    private static StepExecution restore(StepExecution running, TestStepContext afterRestart) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(running);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            {
                enableResolveObject(true);
            }

            @Override
            protected Object resolveObject(Object o) throws IOException {
                return o instanceof TestStepContext ? afterRestart : o;
            }
        }) {
            return (StepExecution) in.readObject();
        }
    }

    @Test
    void aStepResumedAfterARestartInterruptsTheToolItHadStartedThenFails() throws Exception {
        Fixture f = new Fixture(tmp);
        Path marker = tmp.resolve("marker");
        BakeImageStep step = new BakeImageStep("template.json");
        step.setPacker(f.trappingPacker(marker));
        StepExecution running = step.start(f.context());
        running.start();
        BakeImageStepTest.waitFor(Path.of(marker + ".started"));

        Log logAfterRestart = new Log();
        TestStepContext afterRestart = f.context().with(TaskListener.class, logAfterRestart);
        restore(running, afterRestart).onResume();

        assertThatThrownBy(() -> afterRestart.outcome.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SynchronousResumeNotSupportedException.class);
        assertThat(marker).as("packer got SIGINT and cleaned up").hasContent("cleaned-up");
        assertThat(logAfterRestart.text()).contains("Jenkins restarted while this step ran packer (process ")
                .contains(": interrupting it (SIGINT) and waiting up to 10s for it to clean up")
                .contains("1 tool(s) it had started were still running and have been stopped");
        assertThat(f.dir.resolveSibling("app@tmp").resolve("immutable-deploy")).isEmptyDirectory();
    }

    @Test
    void aPidFileWhoseProcessIsNowAnotherProgramIsLeftAlone() throws Exception {
        Fixture f = new Fixture(tmp);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            StepExecution running = new BakeImageStep("template.json").start(f.context());
            Path folder = Files.createDirectories(f.dir.resolveSibling("app@tmp").resolve("immutable-deploy")
                    .resolve(stepId(running)));
            Files.writeString(folder.resolve("gone.pid"), other.pid() + "\n/opt/packer/bin/packer\n");
            Files.writeString(folder.resolve("ended.pid"), "999999\n/opt/packer/bin/packer\n");
            Log logAfterRestart = new Log();
            TestStepContext afterRestart = f.context().with(TaskListener.class, logAfterRestart);

            restore(running, afterRestart).onResume();

            assertThatThrownBy(() -> afterRestart.outcome.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SynchronousResumeNotSupportedException.class);
            assertThat(other.isAlive()).as("a process that is not the recorded tool gets no signal").isTrue();
            assertThat(logAfterRestart.text()).doesNotContain("interrupting");
            assertThat(folder).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    private static String stepId(StepExecution execution) throws ReflectiveOperationException {
        var id = EngineStepExecution.class.getDeclaredField("id");
        id.setAccessible(true);
        return (String) id.get(execution);
    }
}
