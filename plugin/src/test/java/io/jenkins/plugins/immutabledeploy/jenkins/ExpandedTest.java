package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.ItemGroup;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void aPasswordParameterExpandedIntoAFieldIsRefusedOnTheCommandLineAndNeverShown() throws Exception {
        Fixture f = new Fixture(tmp);
        f.copy("/packer/templates/basic.pkr.hcl", "basic.pkr.hcl");
        String password = "hunter2-Pa55word-77";
        f.env.put("DB_PASSWORD", password);
        Freestyle.Build build = new Freestyle.Project().build(Set.of("DB_PASSWORD"));
        BakeImageBuilder b = new BakeImageBuilder("basic.pkr.hcl");
        b.setVars("release=v1\ndb_password=$DB_PASSWORD");

        assertThatThrownBy(() -> b.perform(build, f.workspace, f.env, f.launcher, f.log)).isInstanceOf(AbortException.class)
                .hasMessageContaining("contains a secret").hasMessageContaining("never on the command line")
                .hasMessageNotContaining(password);
        assertThat(f.log.text()).doesNotContain(password);
    }

    /** A freestyle project and build, as the stand-in leaves them to subclasses. */
    static final class Freestyle {
        static final class Project extends AbstractProject<Project, Build> {
            Project() {
                super((ItemGroup<?>) null, "freestyle");
            }

            Build build(Set<String> sensitive) throws IOException {
                return new Build(this, sensitive);
            }
        }

        static final class Build extends AbstractBuild<Project, Build> {
            private final Set<String> sensitive;

            Build(Project project, Set<String> sensitive) throws IOException {
                super(project);
                this.sensitive = sensitive;
            }

            @Override
            public Set<String> getSensitiveBuildVariables() {
                return new HashSet<>(sensitive);
            }
        }
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
