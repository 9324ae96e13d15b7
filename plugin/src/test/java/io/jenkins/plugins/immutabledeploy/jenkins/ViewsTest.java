package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.model.Descriptor;
import io.jenkins.plugins.immutabledeploy.trigger.GitHubReleaseTrigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Every field of every step, builder and trigger has a form entry and a help page, one per feature (a builder draws
 * its step's form and redirects to its step's help); every title has its text as Stapler looks it up; every checked
 * field posts its check; every message key exists.
 */
class ViewsTest {
    static final List<Class<?>> DESCRIBABLES = List.of(BakeImageStep.class, BakeImageBuilder.class, ImmutableDeployStep.class,
            ImmutableDeployBuilder.class, VerifyDeployStep.class, VerifyDeployBuilder.class, RollbackDeployStep.class,
            RollbackDeployBuilder.class, BlueGreenDeployStep.class, BlueGreenDeployBuilder.class, PruneImagesStep.class,
            PruneImagesBuilder.class, SecretBinding.class,
            GitHubReleaseTrigger.class);

    static final Path RESOURCES = Path.of("src/main/resources");

    /** How a builder's config.jelly draws its step's form. */
    static final String INCLUDE_STEP_FORM = "<st:include page=\"config.jelly\" class=\"${descriptor.stepClass}\"/>";

    static List<Class<?>> describables() {
        return DESCRIBABLES;
    }

    @ParameterizedTest
    @MethodSource("describables")
    void everyFieldHasAFormEntryAndAHelpPageAndTheDescriptorHasASymbol(Class<?> c) throws IOException {
        Descriptor<?> descriptor = descriptor(c);
        Class<?> form = c;
        if (descriptor instanceof StepBuilderDescriptor<?> b) {
            assertThat(resource(c, "config.jelly")).as(c.getSimpleName() + " draws its step's form").contains(INCLUDE_STEP_FORM);
            form = b.getStepClass();
        }
        String config = resource(form, "config.jelly");
        for (String field : StepReferenceTest.parameters(c)) {
            assertThat(config).as(form.getSimpleName() + " config.jelly entry for " + field).contains("field=\"" + field + "\"");
            assertThat(descriptor.getHelpFile(field)).as(c.getSimpleName() + " help of " + field).isNotNull();
        }
        assertThat(descriptor.getClass().getAnnotation(Symbol.class)).as(c.getSimpleName() + " @Symbol").isNotNull();
    }

    @Test
    void aBuildersFieldHelpIsItsStepsAndOnlyItsOwnOverviewStaysBesideIt() throws IOException {
        BakeImageBuilder.DescriptorImpl builder = new BakeImageBuilder.DescriptorImpl();

        assertThat(builder.getHelpFile("varFiles")).isEqualTo("/descriptor/" + BakeImageStep.class.getName() + "/help/varFiles");
        assertThat(builder.getHelpFile(null)).as("the exported variables are the builder's own")
                .isEqualTo("/descriptor/" + BakeImageBuilder.class.getName() + "/help");
        assertThat(resource(BakeImageBuilder.class, "help.html")).contains("IMAGE_ID");
    }

    @Test
    void noBuilderKeepsACopyOfItsStepsViewsOrHelp() throws IOException {
        List<String> copies = new ArrayList<>();
        for (Class<?> c : DESCRIBABLES) {
            if (descriptor(c) instanceof StepBuilderDescriptor<?> b) {
                Path builder = folder(c);
                Path step = folder(b.getStepClass());
                try (Stream<Path> files = Files.list(builder)) {
                    for (Path f : files.toList()) {
                        Path twin = step.resolve(f.getFileName());
                        if (Files.exists(twin) && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(twin))) {
                            copies.add(RESOURCES.relativize(f).toString());
                        }
                    }
                }
            }
        }
        assertThat(copies).isEmpty();
    }

    /**
     * Jenkins cannot run here to render the forms, but a view that is not well-formed XML, escapes nothing or
     * names a title with no text breaks its page: those are checked for every view and help file. A title's key
     * is cut as Stapler's {@code InternationalizedStringExpression} cuts it: up to the first {@code (}, the rest
     * being arguments; so {@code ${%Body must contain (regex)}} shows "Body must contain " and is caught here.
     */
    @Test
    void everyViewIsWellFormedEscapesByDefaultAndEveryTitleHasItsText() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        List<String> problems = new ArrayList<>();
        Pattern title = Pattern.compile("\\$\\{%([^}]+)\\}");
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jelly") || f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(p);
                try {
                    factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
                } catch (SAXException e) {
                    problems.add(p + ": not well-formed: " + e.getMessage());
                }
                if (!p.toString().endsWith(".jelly")) {
                    continue;
                }
                if (!text.startsWith("<?jelly escape-by-default='true'?>")) {
                    problems.add(p + ": does not escape by default");
                }
                Properties texts = properties(p.resolveSibling(p.getFileName().toString().replace(".jelly", ".properties")));
                Matcher m = title.matcher(text);
                while (m.find()) {
                    String key = staplerKey(m.group(1));
                    if (!key.equals(m.group(1))) {
                        problems.add(p + ": ${%" + m.group(1) + "} is read by Stapler as the key \"" + key
                                + "\" with arguments; reword it without (");
                    } else if (!texts.containsKey(key)) {
                        problems.add(p + ": no text for ${%" + m.group(1) + "}");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aTitleEndingInParenthesesIsCaughtAsStaplerReadsIt() {
        assertThat(staplerKey("Body must contain (regex)")).isEqualTo("Body must contain ");
        assertThat(staplerKey("Dry run: delete nothing")).isEqualTo("Dry run: delete nothing");
    }

    /** Every field with a check method posts its value (the check also refuses other verbs). */
    @Test
    void everyCheckedFieldPostsItsCheck() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        List<String> problems = new ArrayList<>();
        Set<String> controls = Set.of("f:textbox", "f:textarea", "f:number", "f:password", "f:combobox", "c:select");
        for (Class<?> c : DESCRIBABLES) {
            Descriptor<?> d = descriptor(c);
            if (d instanceof StepBuilderDescriptor<?>) {
                continue; // its form is its step's, checked with the step
            }
            Set<String> checked = new java.util.HashSet<>();
            for (Method m : d.getClass().getMethods()) {
                if (m.getName().startsWith("doCheck")) {
                    String field = m.getName().substring("doCheck".length());
                    checked.add(Character.toLowerCase(field.charAt(0)) + field.substring(1));
                }
            }
            NodeList entries = factory.newDocumentBuilder().parse(new InputSource(new StringReader(resource(c, "config.jelly"))))
                    .getElementsByTagName("f:entry");
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                String field = entry.getAttribute("field");
                if (!checked.remove(field)) {
                    continue;
                }
                NodeList inside = entry.getElementsByTagName("*");
                for (int k = 0; k < inside.getLength(); k++) {
                    Element control = (Element) inside.item(k);
                    if (controls.contains(control.getTagName()) && !"post".equals(control.getAttribute("checkMethod"))) {
                        problems.add(c.getSimpleName() + " " + field + ": <" + control.getTagName() + "> without checkMethod=\"post\"");
                    }
                }
            }
            assertThat(checked).as(c.getSimpleName() + ": check methods with no form entry").isEmpty();
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

    /**
     * The resource bundle key Stapler looks a {@code ${%text}} up by: the text up to its first {@code (}; what
     * follows is read as a list of argument expressions.
     */
    static String staplerKey(String text) {
        int open = text.indexOf('(');
        return open < 0 ? text : text.substring(0, open);
    }

    /** The one descriptor of a describable, as Jenkins would register it. */
    static Descriptor<?> descriptor(Class<?> c) {
        Class<?> impl = Stream.of(c.getDeclaredClasses()).filter(d -> d.getSimpleName().equals("DescriptorImpl"))
                .findFirst().orElseThrow();
        return (Descriptor<?>) ExtensionList.lookupSingleton(impl);
    }

    private static Path folder(Class<?> c) {
        return RESOURCES.resolve(c.getName().replace('.', '/'));
    }

    private static Properties properties(Path p) throws IOException {
        Properties out = new Properties();
        if (Files.exists(p)) {
            try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                out.load(in);
            }
        }
        return out;
    }

    /** A view of a class, found up its class hierarchy as Jenkins finds a descriptor's config page. */
    private static String resource(Class<?> c, String name) throws IOException {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try (InputStream in = k.getResourceAsStream(k.getSimpleName() + "/" + name)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name + " for " + c.getName() + " or its superclasses");
    }
}
