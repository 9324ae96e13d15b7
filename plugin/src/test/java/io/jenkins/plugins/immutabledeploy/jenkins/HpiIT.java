package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import hudson.tasks.BuildStepDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the built {@code immutable-deploy.hpi} (run by failsafe after {@code package}) and checks what Jenkins reads. */
class HpiIT {
    private static final String PLUGIN_JAR = "WEB-INF/lib/immutable-deploy.jar";

    @TempDir
    static Path tmp;

    static Path hpi;
    static Path pluginJar;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        hpi = Path.of(System.getProperty("hpi.file", "target/immutable-deploy.hpi"));
        assertThat(hpi).exists();
        try (ZipFile z = new ZipFile(hpi.toFile())) {
            entries = Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
            pluginJar = tmp.resolve("immutable-deploy.jar");
            try (InputStream in = z.getInputStream(z.getEntry(PLUGIN_JAR))) {
                Files.copy(in, pluginJar);
            }
        }
    }

    @Test
    void holdsThePluginJarTheEngineJarAndNothingJenkinsOrAPluginProvides() {
        List<String> files = entries.stream().filter(e -> !e.endsWith("/")).toList();

        assertThat(files).filteredOn(e -> e.startsWith("WEB-INF/lib/")).hasSize(2)
                .contains(PLUGIN_JAR).anyMatch(e -> e.matches("WEB-INF/lib/immutable-deploy-engine-[^/]+\\.jar"));
        assertThat(files).as("no class outside a jar").noneMatch(e -> e.endsWith(".class"));
        assertThat(files).noneMatch(e -> e.matches(".*/(okhttp|okio|kotlin|jackson)[^/]*\\.jar"));
        assertThat(files).noneMatch(e -> e.contains("jenkins-standin"));
    }

    @Test
    void theEngineJarLetsJenkinsReadItsValuesComingBackFromAnAgent() throws IOException {
        String engine = entries.stream().filter(e -> e.matches("WEB-INF/lib/immutable-deploy-engine-[^/]+\\.jar"))
                .findFirst().orElseThrow();
        Path copy = tmp.resolve("engine.jar");
        try (ZipFile z = new ZipFile(hpi.toFile()); InputStream in = z.getInputStream(z.getEntry(engine))) {
            Files.copy(in, copy);
        }
        try (JarFile jar = new JarFile(copy.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Jenkins-ClassFilter-Whitelisted"))
                    .as("core's ClassFilterImpl reads library classes only from a jar that says so").isEqualTo("true");
        }
    }

    @Test
    void manifestCarriesTheHeadersJenkinsReads() throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(hpi))) {
            Attributes m = in.getManifest().getMainAttributes();
            String jenkins = System.getProperty("jenkins.version", "2.541.3");
            assertThat(m.getValue("Short-Name")).isEqualTo("immutable-deploy");
            assertThat(m.getValue("Long-Name")).isEqualTo("Immutable Deploy");
            assertThat(m.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
            assertThat(m.getValue("Plugin-Version")).isNotBlank().isEqualTo(m.getValue("Implementation-Version"));
            assertThat(m.getValue("Jenkins-Version")).isEqualTo(jenkins);
            assertThat(m.getValue("Hudson-Version")).isEqualTo(jenkins);
            assertThat(m.getValue("Url")).isEqualTo("https://github.com/jenkinsci/immutable-deploy-plugin");
            assertThat(m.getValue("Plugin-ScmUrl")).isEqualTo("https://github.com/jenkinsci/immutable-deploy-plugin");
            assertThat(m.getValue("Plugin-ScmConnection")).isEqualTo("scm:git:https://github.com/jenkinsci/immutable-deploy-plugin.git");
            assertThat(m.getValue("Plugin-ScmTag")).isEqualTo("HEAD");
            List<String> deps = List.of(m.getValue("Plugin-Dependencies").split(","));
            assertThat(deps).extracting(d -> d.split(":")[0]).containsExactlyInAnyOrder("workflow-step-api",
                    "credentials", "plain-credentials", "structs", "okhttp-api", "jackson2-api");
            assertThat(deps).allMatch(d -> d.matches("[a-z0-9-]+:[0-9][A-Za-z0-9._-]*"), "shortName:version");
            assertThat(deps).contains("okhttp-api:5.3.2-200.vedb_720a_cf1f8", "jackson2-api:2.22.2-445.vdc613f1d8012");
            assertThat(m.getValue("Plugin-Class")).as("no hudson.Plugin subclass").isNull();
        }
    }

    @Test
    void pluginJarHoldsIndexJellyTheViewsAndNoStandInClass() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("index.jelly", "META-INF/annotations/hudson.Extension",
                    "META-INF/services/annotations/org.jenkinsci.Symbol",
                    "io/jenkins/plugins/immutabledeploy/jenkins/Messages.properties",
                    "io/jenkins/plugins/immutabledeploy/jenkins/DeploymentAction/summary.jelly");
            assertThat(names).filteredOn(n -> n.endsWith(".class"))
                    .allMatch(n -> n.startsWith("io/jenkins/plugins/immutabledeploy/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Short-Name")).isEqualTo("immutable-deploy");
        }
    }

    @Test
    void extensionIndexListsEveryStepAndBuilderDescriptorAndEveryDescribableHasAView() throws Exception {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, HpiIT.class.getClassLoader());
                JarFile jar = new JarFile(pluginJar.toFile())) {
            Set<String> indexed = new TreeSet<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, cl)) {
                indexed.add(item.className());
            }
            Set<String> descriptors = new TreeSet<>();
            Set<String> symbols = new TreeSet<>();
            for (String n : Collections.list(jar.entries()).stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList()) {
                Class<?> c = Class.forName(n.replace('/', '.').replace(".class", ""), false, cl);
                if ((StepDescriptor.class.isAssignableFrom(c) || BuildStepDescriptor.class.isAssignableFrom(c))
                        && !Modifier.isAbstract(c.getModifiers())) {
                    descriptors.add(c.getName());
                    // Found up the class hierarchy, as Descriptor.getConfigPage does: builders share EngineBuilder's.
                    Class<?> k = c.getEnclosingClass();
                    while (k != null && jar.getEntry(k.getName().replace('.', '/') + "/config.jelly") == null) {
                        k = k.getSuperclass();
                    }
                    assertThat(k).as("config.jelly of " + c.getEnclosingClass().getName()).isNotNull();
                }
                if (c.isAnnotationPresent(Symbol.class)) {
                    symbols.add(c.getName());
                }
            }

            assertThat(descriptors).as("step and builder descriptors").containsExactlyInAnyOrder(
                    BakeImageStep.DescriptorImpl.class.getName(), BakeImageBuilder.DescriptorImpl.class.getName(),
                    ImmutableDeployStep.DescriptorImpl.class.getName(), ImmutableDeployBuilder.DescriptorImpl.class.getName(),
                    VerifyDeployStep.DescriptorImpl.class.getName(), VerifyDeployBuilder.DescriptorImpl.class.getName(),
                    RollbackDeployStep.DescriptorImpl.class.getName(), RollbackDeployBuilder.DescriptorImpl.class.getName(),
                    BlueGreenDeployStep.DescriptorImpl.class.getName(), BlueGreenDeployBuilder.DescriptorImpl.class.getName(),
                    PruneImagesStep.DescriptorImpl.class.getName(), PruneImagesBuilder.DescriptorImpl.class.getName());
            assertThat(indexed).containsAll(descriptors);
            assertThat(symbols).containsAll(descriptors);
            assertThat(lines(jar, "META-INF/services/annotations/org.jenkinsci.Symbol")).containsExactlyInAnyOrderElementsOf(symbols);
        }
    }

    private static List<String> lines(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        }
    }
}
