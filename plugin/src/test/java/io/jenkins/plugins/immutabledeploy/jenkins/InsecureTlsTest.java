package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Run;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code insecure: true} turns TLS checking off, and every run says so in the build log. */
class InsecureTlsTest {
    @TempDir
    Path tmp;

    @Test
    void everyRunWithInsecureOnWarnsInTheBuildLog() throws Exception {
        Fixture f = new Fixture(tmp);
        try (HealthServer server = new HealthServer(200)) {
            for (int run = 1; run <= 2; run++) {
                VerifyDeployStep s = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url()));
                s.setInsecure(true);
                TestStepContext context = f.context().with(Run.class, run == 1 ? f.build : f.job.newBuild());
                s.start(context).start();
                context.await();
            }
        }

        Matcher warning = Pattern.compile("WARNING: TLS verification is OFF").matcher(f.log.text());
        assertThat(warning.results().count()).as("one warning per run").isEqualTo(2);
    }

    @Test
    void theStepAndTheBuilderWarnOncePerRunAlsoWhenTheirChecksAreMadeOnAnAgent() throws Exception {
        for (boolean onAgent : new boolean[] {false, true}) {
            Fixture f = new Fixture(tmp.resolve(onAgent ? "agent" : "controller"));
            if (onAgent) {
                f.onAgent();
            }
            try (HealthServer server = new HealthServer(200)) {
                VerifyDeployStep step = VerifyDeployStepTest.fast(new VerifyDeployStep(server.url()));
                step.setInsecure(true);
                TestStepContext context = f.context();
                step.start(context).start();
                context.await();
                VerifyDeployBuilder builder = new VerifyDeployBuilder(server.url());
                builder.setInsecure(true);
                builder.setSuccessThreshold(1);
                builder.setInterval("100ms");
                builder.perform(f.job.newBuild(), f.workspace, f.env, f.launcher, f.log);
            }

            Matcher warning = Pattern.compile("WARNING: TLS verification is OFF \\(insecure: true\\)").matcher(f.log.text());
            assertThat(warning.results().count()).as("one warning per run, on an agent: " + onAgent).isEqualTo(2);
            assertThat(f.channel.calls).hasSize(onAgent ? 2 : 0);
        }
    }
}
