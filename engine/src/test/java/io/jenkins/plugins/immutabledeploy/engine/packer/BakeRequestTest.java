package io.jenkins.plugins.immutabledeploy.engine.packer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BakeRequestTest {
    @Test
    void aMissingTemplateSaysWhatToGive() {
        assertThatThrownBy(() -> BakeRequest.builder(" ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template: the path of a Packer template (a .json file, a .pkr.hcl file or a folder of"
                        + " .pkr.hcl files) is required");
    }

    @Test
    void aVariableGivenBothPlainAndSecretIsRefusedSoTheSecretNeverReachesTheCommandLine() {
        assertThatThrownBy(() -> BakeRequest.builder("t.pkr.hcl").var("db_password", "x").secretVar("db_password", "y")
                .build()).hasMessage("vars db_password: also given as a secret variable; give it once, in secretVars,"
                        + " so its value never reaches the command line");
    }

    @Test
    void aWrongFieldIsNamedAsTheCallerNamesIt() {
        Vocabulary cli = Vocabulary.OPTIONS.with(Map.of("vars", "--var", "secretVars", "--secret-var"));

        assertThatThrownBy(() -> BakeRequest.builder(" ").names(cli).build())
                .hasMessageStartingWith("--template: the path of a Packer template");
        assertThatThrownBy(() -> BakeRequest.builder("t").var("pw", "x").secretVar("pw", "y").names(cli).build())
                .hasMessage("--var pw: also given as a secret variable; give it once, in --secret-var, so its value"
                        + " never reaches the command line");
        assertThatThrownBy(() -> BakeRequest.builder("t").onError("ask").names(cli).build())
                .hasMessageStartingWith("--on-error: 'ask' is not accepted");
        assertThatThrownBy(() -> BakeRequest.builder("t").onError("ask").build())
                .hasMessageStartingWith("onError: 'ask' is not accepted");
    }

    @Test
    void badVariableNamesAndEmptySecretsAreRefusedByField() {
        assertThatThrownBy(() -> BakeRequest.builder("t").var("a b", "1").build())
                .hasMessageStartingWith("vars: 'a b' is not a Packer variable name");
        assertThatThrownBy(() -> BakeRequest.builder("t").secretVar("token", "").build())
                .hasMessageStartingWith("secretVars token: the value is empty");
        assertThatThrownBy(() -> BakeRequest.builder("t").timeout(Duration.ZERO).build())
                .hasMessageStartingWith("timeout: must be positive");
    }

    @Test
    void theCommandLineCarriesPlainVariablesAndFlagsButNeverASecret() {
        BakeRequest r = BakeRequest.builder("packer.json").var("release", "v1.2.3").varFile("prod.pkrvars.hcl")
                .secretVar("db_password", "hunter2-secret").token("dop_v1_token").only(List.of("digitalocean.app"))
                .except(List.of("null.test")).onError(OnError.RUN_CLEANUP_PROVISIONER).build();

        assertThat(PackerBaker.buildArguments(r)).containsExactly("build", "-machine-readable", "-color=false",
                "-on-error=run-cleanup-provisioner", "-only=digitalocean.app", "-except=null.test", "-var",
                "release=v1.2.3", "-var-file=prod.pkrvars.hcl", "packer.json");
        assertThat(r.secrets()).containsExactly("hunter2-secret", "dop_v1_token");
        assertThat(r.toString()).contains("db_password").doesNotContain("hunter2-secret").doesNotContain("dop_v1_token");
    }

    @Test
    void askIsNeverAcceptedBecauseItHangsTheBuild() {
        assertThatThrownBy(() -> OnError.parse("--on-error", "ask")).hasMessage("--on-error: 'ask' is not accepted"
                + " ('ask' waits for a keypress and would hang the build); use cleanup, abort or run-cleanup-provisioner");
        assertThat(OnError.parse("onError", null)).isEqualTo(OnError.CLEANUP);
        assertThat(OnError.parse("onError", "Run_Cleanup_Provisioner")).isEqualTo(OnError.RUN_CLEANUP_PROVISIONER);
    }

    @Test
    void aResultCanBeBuiltFromOutsideTheBakerAndMarkedSkipped() {
        BakeResult r = BakeResult.builder().artifactId("ams3:58285042").id("58285042").name("app-v1")
                .regions(List.of("ams3")).builderId("pearkes.digitalocean").skipped(true).build();

        assertThat(r.toMap()).containsExactly(Map.entry("artifactId", "ams3:58285042"), Map.entry("id", "58285042"),
                Map.entry("name", "app-v1"), Map.entry("regions", List.of("ams3")),
                Map.entry("builder", "pearkes.digitalocean"), Map.entry("builds", List.of()),
                Map.entry("packerVersion", ""), Map.entry("durationSeconds", 0.0), Map.entry("skipped", true));
        assertThatThrownBy(() -> BakeResult.builder().build()).hasMessage("artifactId: the image's artifact id is required");
    }
}
