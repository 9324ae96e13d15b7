package io.jenkins.plugins.immutabledeploy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProcessRunnerSmokeTest {
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final SecretMasker secrets = new SecretMasker().add("hunter2");
    private final ProcessRunner runner =
            new ProcessRunner(new LocalProcessLauncher(), new BuildLog(logged::add, secrets), Duration.ofSeconds(5));

    @Test
    void exitCodeIsAValueAndSecretsFromTheEnvironmentAreMaskedInTheLog() {
        ProcessRequest req = ProcessRequest.builder("sh")
                .args("-c", "echo \"token=$TOKEN\"; echo oops >&2; exit 7")
                .env("TOKEN", "hunter2")
                .build();
        ProcessResult result = runner.run(req, LineHandler.log(runner.log()), Cancellation.none());
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(logged).containsExactlyInAnyOrder("token=****", "oops");
    }

    @Test
    void cancelInterruptsAChildThatTrapsSigintAndLetsItFinishItsCleanup() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        Cancellation cancel = new Cancellation();
        ProcessRequest req = ProcessRequest.builder("sh")
                .args("-c", "trap 'echo cleaning; sleep 1; echo cleaned; exit 130' INT; echo started; "
                        + "while true; do sleep 0.1; done")
                .build();
        Thread canceller = new Thread(() -> {
            while (!out.contains("started")) {
                Thread.onSpinWait();
            }
            cancel.cancel();
        });
        canceller.start();
        ProcessResult result = runner.run(req, out::add, LineHandler.discard(), cancel, null);
        canceller.join();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.killed()).isFalse();
        assertThat(out).containsSubsequence("started", "cleaning", "cleaned");
        assertThat(result.exitCode()).isEqualTo(130);
    }
}
