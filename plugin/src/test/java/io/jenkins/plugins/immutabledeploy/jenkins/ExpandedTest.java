package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.EnvVars;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freestyle fields see the build's variables; Pipeline strings are left as the script made them. */
class ExpandedTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path tmp;

    private final EnvVars env = new EnvVars(Map.of("RELEASE_TAG", "v1.4.0", "REGION", "ams3", "HOST", "app.example.com"));

    @Test
    void everyTextFieldHasItsVariablesReplacedAndTheRestIsUntouched() {
        VerifyDeployBuilder b = new VerifyDeployBuilder("https://$HOST/health?tag=${RELEASE_TAG}");
        b.setHeaders("X-Release=$RELEASE_TAG\nX-Price=$$5 for $UNKNOWN and ${ALSO_UNKNOWN}");
        b.setJsonPointer("/status");
        b.setSuccessThreshold(4);
        b.setInsecure(true);
        List<SecretBinding> secrets = List.of(new SecretBinding("$REGION-token", "api_key"));
        b.setSecretHeaders(secrets);

        VerifyGlue.Options o = Expanded.of(VerifyGlue.Options.class, b, env);

        assertThat(o.getUrls()).isEqualTo("https://app.example.com/health?tag=v1.4.0");
        assertThat(o.getHeaders()).isEqualTo("X-Release=v1.4.0\nX-Price=$5 for $UNKNOWN and ${ALSO_UNKNOWN}");
        assertThat(o.getJsonPointer()).isEqualTo("/status");
        assertThat(o.getBodyRegex()).isNull();
        assertThat(o.getSuccessThreshold()).isEqualTo(4);
        assertThat(o.isInsecure()).isTrue();
        assertThat(o.getSecretHeaders()).as("credentials are named, not expanded").isSameAs(b.getSecretHeaders());
    }

    @Test
    void aRollbacksHealthChecksAreExpandedToo() {
        RollbackDeployBuilder b = new RollbackDeployBuilder("terraform/$REGION");
        b.setUrls("https://$HOST/health");

        RollbackGlue.Options o = Expanded.of(RollbackGlue.Options.class, b, env);

        assertThat(o.getDir()).isEqualTo("terraform/ams3");
        assertThat(o.checks().getUrls()).isEqualTo("https://app.example.com/health");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPipelineStepTakesItsTextAsTheScriptMadeIt() throws Exception {
        FakeDigitalOcean api = new FakeDigitalOcean();
        server.setDispatcher(api);
        Fixture f = new Fixture(tmp);
        f.env.putAll(env);
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        // Groovy has already interpolated what it meant to; a '$' that is left is the user's (here it makes the
        // prefix match nothing, so nothing is deleted).
        PruneImagesStep step = new PruneImagesStep("do-token", 1);
        step.setPrefix("web-$RELEASE_TAG");
        step.setApiUrl(server.url("/").toString());
        TestStepContext context = f.context();

        step.start(context).start();
        Map<String, Object> pruned = (Map<String, Object>) context.await();

        assertThat(pruned.get("kept")).asList().isEmpty();
        assertThat(f.log.text()).contains("names starting with 'web-$RELEASE_TAG'");
        assertThat(api.deletes()).isEmpty();
    }
}
