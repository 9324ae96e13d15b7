package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

        ListBoxModel forConfigurer = new BakeImageStep.DescriptorImpl().doFillCredentialsIdItems(item(true), null);
        ListBoxModel forReader = new BakeImageStep.DescriptorImpl().doFillCredentialsIdItems(item(false), "do-token");
        ListBoxModel bothKinds = new SecretBinding.DescriptorImpl().doFillCredentialsIdItems(item(true), "");

        assertThat(forConfigurer).extracting(o -> o.value).containsExactly("", "do-token");
        assertThat(forReader).extracting(o -> o.value).as("only the current value, no ids leak").containsExactly("do-token");
        assertThat(new ImmutableDeployStep.DescriptorImpl().doFillCredentialsIdItems(null, null)).extracting(o -> o.value)
                .containsExactly("");
        assertThat(bothKinds).extracting(o -> o.value).containsExactlyInAnyOrder("", "do-token", "db");
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

    private static Item item(boolean mayConfigure) {
        return new Item() {
            @Override
            public String getFullName() {
                return "app";
            }

            @Override
            public String getUrl() {
                return "job/app/";
            }

            @Override
            public boolean hasPermission(Permission p) {
                return mayConfigure && p == Item.CONFIGURE;
            }
        };
    }
}
