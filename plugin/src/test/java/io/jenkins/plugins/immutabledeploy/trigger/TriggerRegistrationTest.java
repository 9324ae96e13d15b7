package io.jenkins.plugins.immutabledeploy.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.Test;

/** What Jenkins reads to find the trigger, the endpoint and the crumb exclusion, as compiled. */
class TriggerRegistrationTest {
    private static final String VIEWS = "/io/jenkins/plugins/immutabledeploy/trigger/GitHubReleaseTrigger/";

    @Test
    void theDescriptorTheEndpointAndTheCrumbExclusionAreIndexedExtensions() {
        Set<String> indexed = new TreeSet<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, getClass().getClassLoader())) {
            indexed.add(item.className());
        }
        assertThat(indexed).contains(GitHubReleaseTrigger.DescriptorImpl.class.getName(),
                GitHubReleaseWebhook.class.getName(), GitHubReleaseCrumbExclusion.class.getName());
    }

    @Test
    void theSymbolIndexNamesTheDescriptorSoPipelineCanCallItGithubRelease() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/annotations/org.jenkinsci.Symbol")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines())
                    .contains(GitHubReleaseTrigger.DescriptorImpl.class.getName());
        }
    }

    @Test
    void everyFieldOfTheFormHasAHelpFileAndTheViewBindsEveryField() throws IOException {
        String config;
        try (InputStream in = getClass().getResourceAsStream(VIEWS + "config.jelly")) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String field : new String[] {"repository", "secretCredentialsId", "tagPattern", "includePrereleases",
            "pollingSpec", "apiUrl", "apiTokenCredentialsId"}) {
            assertThat(config).as(field).contains("field=\"" + field + "\"");
            assertThat(getClass().getResource(VIEWS + "help-" + field + ".html")).as("help for " + field).isNotNull();
        }
        assertThat(getClass().getResource(VIEWS + "help.html")).isNotNull();
    }

    @Test
    void everyMessageKeyThePackageUsesIsInItsOwnMessagesProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/io/jenkins/plugins/immutabledeploy/trigger/Messages.properties")) {
            p.load(in);
        }
        Pattern use = Pattern.compile("Messages\\.format\\(\"([^\"]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/jenkins/plugins/immutabledeploy/trigger"))) {
            for (Path f : files.toList()) {
                Matcher m = use.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).as("keys used").hasSize(3);
        assertThat(p.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(used);
    }
}
