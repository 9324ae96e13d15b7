package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the Jenkins project's hosting checker (repository-permissions-updater's {@code MavenVerifier} and
 * {@code RequiredFilesVerifier}) and update center need, read from the repository's files and from Maven's effective
 * poms of every module (failsafe, after {@code package}, so the .hpi exists).
 */
class HostingIT {
    private static final String PLUGIN = "immutable-deploy";

    @TempDir
    static Path tmp;

    static Path root;
    /** artifactId to its effective {@code <project>}. */
    static Map<String, Element> effective;

    @BeforeAll
    static void readTheEffectivePoms() throws Exception {
        root = Path.of(System.getProperty("reactor.root", "..")).toAbsolutePath().normalize();
        Path out = tmp.resolve("effective-poms.xml");
        Path log = tmp.resolve("mvn.log");
        String mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn").toString();
        Process p = new ProcessBuilder(mvn, "-B", "-ntp", "-q", "-f", root.resolve("pom.xml").toString(),
                "org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom", "-Doutput=" + out)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("mvn help:effective-pom finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();

        effective = new LinkedHashMap<>();
        Element doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile()).getDocumentElement();
        List<Element> projects = doc.getTagName().equals("project") ? List.of(doc) : children(doc, "project");
        for (Element project : projects) {
            effective.put(text(project, "artifactId"), project);
        }
    }

    @Test
    void thePluginsHpiIsAttachedAsTheBuildsArtifactSoMavenDeployPublishesIt() {
        Element build = child(effective.get(PLUGIN), "build");
        Element helper = children(child(build, "plugins"), "plugin").stream()
                .filter(pl -> text(pl, "artifactId").equals("build-helper-maven-plugin")).findFirst().orElseThrow();
        Element attach = children(child(helper, "executions"), "execution").stream()
                .filter(e -> text(e, "id").equals("attach-hpi")).findFirst().orElseThrow();
        assertThat(text(attach, "phase")).isEqualTo("package");
        assertThat(children(child(attach, "goals"), "goal")).extracting(Node::getTextContent).containsExactly("attach-artifact");
        Element artifact = child(child(child(attach, "configuration"), "artifacts"), "artifact");
        assertThat(text(artifact, "type")).isEqualTo("hpi");
        assertThat(text(artifact, "classifier")).as("the .hpi is the plugin's own artifact, not a side file").isEmpty();
        Path hpi = Path.of(text(artifact, "file"));
        assertThat(hpi).isEqualTo(Path.of(System.getProperty("hpi.file")).toAbsolutePath()).isRegularFile();
    }

    @Test
    void onlyTheParentPomTheEngineAndThePluginArePublishedAndTheyGoWhereJenkinsPluginsGo() {
        assertThat(effective.keySet()).containsExactlyInAnyOrder("immutable-deploy-parent", "immutable-deploy-engine",
                "jenkins-standin", PLUGIN, "immutable-deploy-cli", "immutable-deploy-digitalocean-double",
                "immutable-deploy-e2e", "immutable-deploy-bench");
        Map<String, Boolean> published = new LinkedHashMap<>();
        effective.forEach((id, project) -> published.put(id, !"true".equals(text(child(project, "properties"),
                "maven.deploy.skip"))));
        // The plugin's published pom names its parent and the engine (bundled, compile scope): both must resolve.
        assertThat(published).containsEntry("immutable-deploy-parent", true).containsEntry("immutable-deploy-engine", true)
                .containsEntry(PLUGIN, true).containsEntry("jenkins-standin", false)
                .containsEntry("immutable-deploy-cli", false).containsEntry("immutable-deploy-bench", false)
                .containsEntry("immutable-deploy-digitalocean-double", false).containsEntry("immutable-deploy-e2e", false);
        for (String id : List.of("immutable-deploy-parent", "immutable-deploy-engine", PLUGIN)) {
            Element dm = child(effective.get(id), "distributionManagement");
            assertThat(text(child(dm, "repository"), "url")).as(id).isEqualTo("https://repo.jenkins-ci.org/releases/");
            assertThat(text(child(dm, "snapshotRepository"), "url")).as(id).isEqualTo("https://repo.jenkins-ci.org/snapshots/");
            assertThat(text(effective.get(id), "groupId")).as(id).isEqualTo("io.jenkins.plugins");
        }
        Element scm = child(effective.get(PLUGIN), "scm");
        assertThat(text(scm, "url")).as("inherited without the module's name appended")
                .isEqualTo("https://github.com/jenkinsci/immutable-deploy-plugin");
    }

    @Test
    void theRootPomMeetsEveryRuleOfTheHostingCheckerButTheArtifactIdWhichThePluginModuleHolds() throws Exception {
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile())
                .getDocumentElement();
        Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("plugin/pom.xml").toFile()).getDocumentElement();
        // Maven refuses a reactor holding io.jenkins.plugins:immutable-deploy twice: the plugin module has the name.
        assertThat(text(plugin, "artifactId")).isEqualTo(PLUGIN);
        assertThat(PLUGIN).hasSizeLessThan(37).isLowerCase().doesNotContainIgnoringCase("jenkins");
        assertThat(text(pom, "artifactId")).isEqualTo(PLUGIN + "-parent");

        assertThat(text(pom, "groupId")).isEqualTo("io.jenkins.plugins");
        assertThat(text(pom, "name")).isNotBlank().doesNotContainIgnoringCase("jenkins");
        assertThat(children(child(pom, "licenses"), "license")).isNotEmpty();
        assertThat(text(pom, "url")).isEqualTo("https://github.com/jenkinsci/" + PLUGIN + "-plugin");
        assertThat(text(plugin, "url")).isEqualTo("https://github.com/jenkinsci/" + PLUGIN + "-plugin");
        assertThat(child(pom, "developers")).isNull();
        Element scm = child(pom, "scm");
        assertThat(text(scm, "connection")).startsWith("scm:git:https://github.com/jenkinsci/" + PLUGIN + "-plugin");
        assertThat(text(scm, "developerConnection")).isNotBlank();
        assertThat(text(scm, "url")).isNotBlank();
        assertThat(text(scm, "tag")).isEqualTo("${scmTag}");
        assertThat(child(pom, "repositories")).isNull();

        Element props = child(pom, "properties");
        for (String banned : List.of("java.level", "maven.compiler.source", "maven.compiler.target", "maven.compiler.release")) {
            assertThat(child(props, banned)).as(banned + " is the parent POM's to set").isNull();
        }
        assertThat(text(props, "jenkins.baseline")).isEqualTo("2.541");
        assertThat(text(props, "jenkins.version")).isEqualTo("${jenkins.baseline}.3");
        assertThat(text(props, "hpi.strictBundledArtifacts")).isEqualTo("true");
        for (String check : List.of("ban-commons-lang-2.skip", "ban-deprecated-stapler.skip", "ban-junit4-imports.skip",
                "banObsoleteDependencyOverrides.skip")) {
            assertThat(text(props, check)).as(check).isEqualTo("false");
        }
    }

    @Test
    void theRepositoryHoldsTheFilesTheHostingCheckerAsksFor() throws IOException {
        assertThat(lines(".github/CODEOWNERS")).contains("* @jenkinsci/" + PLUGIN + "-plugin-developers");
        assertThat(Files.readString(root.resolve(".github/workflows/jenkins-security-scan.yml")))
                .contains("uses: jenkins-infra/jenkins-security-scan/.github/workflows/jenkins-security-scan.yaml@v2");
        assertThat(lines(".github/dependabot.yml")).contains("  - package-ecosystem: maven",
                "  - package-ecosystem: github-actions");
        assertThat(lines(".gitignore")).containsAnyOf("target", "target/", "/target/").containsAnyOf("work", "work/", "/work/");
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
