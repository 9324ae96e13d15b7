package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An abort ends a step whatever it waits for before its tool starts: a credentials store that does not answer, the
 * DigitalOcean lookup of {@code skipIfExists}, an agent that does not answer ({@code OnAgentTest}).
 */
class AbortBeforeTheToolStartsTest {
    @TempDir
    Path tmp;

    /** A DigitalOcean that takes the request and answers only after a minute. */
    @StartStop
    private final MockWebServer slowApi = new MockWebServer();

    @Test
    void aPipelineAbortWhileACredentialsStoreHangsEndsTheStep() throws Exception {
        Fixture f = new Fixture(tmp);
        f.tofuProject();
        TestCredentials.Hanging hanging = TestCredentials.Hanging.of("vault-token");
        TestCredentials.add(hanging);
        ImmutableDeployStep step = new ImmutableDeployStep("terraform");
        step.setCredentialsId("vault-token");
        TestStepContext context = f.context();
        StepExecution execution = step.start(context);
        execution.start();
        assertThat(hanging.reading().await(20, TimeUnit.SECONDS)).isTrue();

        Exception cause = new Exception("Aborted by grace");
        long stopped = System.nanoTime();
        execution.stop(cause);

        assertThatThrownBy(() -> context.outcome.get(5, TimeUnit.SECONDS)).hasCause(cause);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(5));
        assertThat(f.log.text()).doesNotContain("tofu");
    }

    @Test
    void aFreestyleAbortDuringTheDigitalOceanLookupEndsTheBuildStepAsAborted() throws Exception {
        slowApi.enqueue(new MockResponse.Builder().code(200).headersDelay(60, TimeUnit.SECONDS).body("{}").build());
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        BakeImageBuilder b = new BakeImageBuilder("packer.pkr.hcl");
        b.setSkipIfExists(true);
        b.setImageName("web-v1.4.0");
        b.setCredentialsId("do-token");
        b.setApiUrl(slowApi.url("/").toString());

        long[] aborted = new long[1];
        Throwable failure = f.performAndAbort(b, () -> {
            slowApi.takeRequest(20, TimeUnit.SECONDS);
            aborted[0] = System.nanoTime();
            return null;
        });

        assertThat(failure).as("an aborted build step ends with an interrupt, so the build is aborted, not failed")
                .isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - aborted[0])).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFreestyleAbortWhileACredentialsStoreHangsEndsTheBuildStepAsAborted() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.Hanging hanging = TestCredentials.Hanging.of("vault-token");
        TestCredentials.add(hanging);
        ImmutableDeployBuilder b = new ImmutableDeployBuilder("terraform");
        b.setCredentialsId("vault-token");

        Throwable failure = f.performAndAbort(b, () -> hanging.reading().await(20, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(InterruptedException.class);
    }
}
