package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.util.ListBoxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.model.TestJenkins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsLookupTest {
    @TempDir
    Path tmp;

    @Test
    void theCredentialsDropDownListsMatchingCredentialsOnlyToUsersWhoMayConfigureTheJob() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("do-token", "t"));
        TestCredentials.add(TestCredentials.UserPass.of("db", "app", "p"));

        ListBoxModel forConfigurer = new BakeImageStep.DescriptorImpl().doFillCredentialsIdItems(TestItems.configurable(), null);
        ListBoxModel forReader = new BakeImageStep.DescriptorImpl().doFillCredentialsIdItems(TestItems.readOnly(), "do-token");

        assertThat(forConfigurer).extracting(o -> o.value).containsExactly("", "do-token");
        assertThat(forReader).extracting(o -> o.value).as("only the current value, no ids leak").containsExactly("do-token");
    }

    @Test
    void outsideAJobOnlyAnAdministratorSeesTheCredentials() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("do-token", "t"));
        ImmutableDeployStep.DescriptorImpl d = new ImmutableDeployStep.DescriptorImpl();

        try (TestJenkins j = TestJenkins.start(false)) {
            assertThat(d.doFillCredentialsIdItems(null, "kept")).extracting(o -> o.value).containsExactly("kept");
        }
        try (TestJenkins j = TestJenkins.start(true)) {
            assertThat(d.doFillCredentialsIdItems(null, null)).extracting(o -> o.value).containsExactly("", "do-token");
        }
    }

    @Test
    void theDropDownListsWhatTheJobsBuildsCanUseAndKeepsTheCurrentValue() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("do-token", "t"));
        TestCredentials.addForUser("alice", TestCredentials.Text.of("alice-token", "a"));
        BakeImageStep.DescriptorImpl d = new BakeImageStep.DescriptorImpl();

        assertThat(d.doFillCredentialsIdItems(TestItems.configurableRunningAs("alice"), "")).extracting(o -> o.value)
                .as("a job that runs as alice can use alice's own credentials").containsExactly("", "do-token", "alice-token");
        assertThat(d.doFillCredentialsIdItems(TestItems.configurable(), "gone-token")).extracting(o -> o.value)
                .as("a job that runs as SYSTEM cannot; a deleted credential stays selected").containsExactly("", "do-token", "gone-token");
    }

    @Test
    void aSecretBindingOffersOnlyTheCredentialTypesItCanRead() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("do-token", "t"));
        TestCredentials.add(TestCredentials.UserPass.of("db", "app", "p"));
        TestCredentials.add(new TestCredentials.Certificate("tls-cert", "a client certificate"));

        ListBoxModel offered = new SecretBinding.DescriptorImpl().doFillCredentialsIdItems(TestItems.configurable(), "");

        assertThat(offered).extracting(o -> o.value).containsExactlyInAnyOrder("", "do-token", "db");
    }

    @Test
    void aUsernamePasswordCredentialGivesTwoVariablesAndItsUseIsTracked() throws Exception {
        Fixture f = new Fixture(tmp);
        TestCredentials.add(TestCredentials.UserPass.of("db", "app", "pw-1"));

        Map<String, String> vars = CredentialsLookup.secrets(f.build, List.of(new SecretBinding("db", "db")));

        assertThat(vars).containsExactly(Map.entry("db_username", "app"), Map.entry("db_password", "pw-1"));
        assertThat(TestCredentials.tracked()).hasSize(1);
        assertThat(CredentialsLookup.secretVariable(f.build, "db_password", "credentials:db")).isEqualTo("pw-1");
        assertThat(CredentialsLookup.secretVariable(f.build, "db_username", "credentials:db")).isEqualTo("app");
    }

    @Test
    void anIncompleteSecretsEntryFailsNamingWhatIsMissing() {
        Fixture f = new Fixture(tmp);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> CredentialsLookup.secrets(f.build, List.of(new SecretBinding("db", " "))))
                .hasMessage("secrets: every entry needs a credentialsId and a variable (got credentialsId \"db\", variable \"\").");
    }
}
