package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.Symbol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Every field of every step and builder has a form entry and a help page; every message key exists. */
class ViewsTest {
    static final List<Class<?>> DESCRIBABLES = List.of(BakeImageStep.class, BakeImageBuilder.class, ImmutableDeployStep.class,
            ImmutableDeployBuilder.class, VerifyDeployStep.class, VerifyDeployBuilder.class, RollbackDeployStep.class,
            RollbackDeployBuilder.class, PruneImagesStep.class, PruneImagesBuilder.class, SecretBinding.class);

    static List<Class<?>> describables() {
        return DESCRIBABLES;
    }

    @ParameterizedTest
    @MethodSource("describables")
    void everyFieldHasAFormEntryAndAHelpPageAndTheDescriptorHasASymbol(Class<?> c) throws IOException {
        String config = resource(c, "config.jelly");
        for (String field : fields(c)) {
            assertThat(config).as(c.getSimpleName() + " config.jelly entry for " + field).contains("field=\"" + field + "\"");
            assertThat(c.getResource(c.getSimpleName() + "/help-" + field + ".html")).as(c.getSimpleName() + " help-" + field)
                    .isNotNull();
        }
        Class<?> descriptor = Stream.of(c.getDeclaredClasses()).filter(d -> d.getSimpleName().equals("DescriptorImpl"))
                .findFirst().orElseThrow();
        assertThat(descriptor.getAnnotation(Symbol.class)).as(c.getSimpleName() + " @Symbol").isNotNull();
    }

    /**
     * Jenkins cannot run here to render the forms, but a view that is not well-formed XML, escapes nothing or
     * names a title with no text breaks its page: those are checked for every view and help file.
     */
    @Test
    void everyViewIsWellFormedEscapesByDefaultAndEveryTitleHasItsText() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        List<String> problems = new ArrayList<>();
        Pattern title = Pattern.compile("\\$\\{%([^}]+)\\}");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jelly") || f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(p);
                try {
                    factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
                } catch (SAXException e) {
                    problems.add(p + ": not well-formed: " + e.getMessage());
                }
                if (p.toString().endsWith(".jelly") && !text.startsWith("<?jelly escape-by-default='true'?>")) {
                    problems.add(p + ": does not escape by default");
                }
                Path properties = p.resolveSibling(p.getFileName().toString().replace(".jelly", ".properties"));
                Matcher m = title.matcher(text);
                while (p.toString().endsWith("config.jelly") && m.find()) {
                    String key = m.group(1).replace(" ", "\\ ").replace(":", "\\:");
                    if (!Files.exists(properties) || !Files.readString(properties).contains(key + "=")) {
                        problems.add(p + ": no text for ${%" + m.group(1) + "} in " + properties.getFileName());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageKeyUsedInTheCodeIsInMessagesProperties() throws IOException {
        ResourceBundle bundle = ResourceBundle.getBundle(Messages.class.getName());
        Pattern use = Pattern.compile("Messages\\.get\\(\"([^\"]+)\"");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = use.matcher(Files.readString(p));
                while (m.find()) {
                    if (!bundle.containsKey(m.group(1))) {
                        missing.add(p.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    static List<String> fields(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Constructor<?> k : c.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : k.getParameters()) {
                    out.add(p.getName());
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return out;
    }

    private static String resource(Class<?> c, String name) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + "/" + name)) {
            assertThat(in).as(c.getSimpleName() + "/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
