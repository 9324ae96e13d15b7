package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.Snapshot;
import io.jenkins.plugins.immutabledeploy.engine.packer.BakeResult;
import io.jenkins.plugins.immutabledeploy.engine.packer.PackerArtifact;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployResult;
import io.jenkins.plugins.immutabledeploy.engine.terraform.PlanSummary;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange;
import io.jenkins.plugins.immutabledeploy.engine.ops.BlueGreen;
import io.jenkins.plugins.immutabledeploy.engine.ops.ReleaseChecks;
import io.jenkins.plugins.immutabledeploy.engine.ops.VerifyOrRollBack;
import io.jenkins.plugins.immutabledeploy.engine.rollback.RollbackOutcome;
import io.jenkins.plugins.immutabledeploy.engine.verify.EndpointResult;
import io.jenkins.plugins.immutabledeploy.engine.verify.VerifyResult;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Keeps docs/step-reference.md honest: every parameter of every step, builder and nested
 * describable, read by reflection from its {@code @DataBoundConstructor} and
 * {@code @DataBoundSetter}s, appears in the section of its {@code @Symbol}; so do the result keys
 * of real engine results and the environment variables the builders export.
 */
class StepReferenceTest {

    @Test
    void everyParameterOfEveryDescribableIsDocumentedUnderItsSymbol() throws Exception {
        List<Class<?>> describables = describables();
        assertThat(describables).as("describables found by the scan").extracting(Class::getSimpleName)
                .contains("BakeImageStep", "BakeImageBuilder", "VerifyDeployStep", "SecretBinding");
        List<String> missing = new ArrayList<>();
        for (Class<?> c : describables) {
            String symbol = symbol(c);
            if (symbol == null) {
                missing.add(c.getSimpleName() + " has no @Symbol to document it under");
                continue;
            }
            String section = section(symbol);
            if (section == null) {
                missing.add("no section for `" + symbol + "` (" + c.getSimpleName() + ")");
                continue;
            }
            for (String parameter : parameters(c)) {
                if (!section.contains("`" + parameter + "`")) {
                    missing.add(symbol + ": " + parameter);
                }
            }
        }
        assertThat(missing).as("missing from docs/step-reference.md").isEmpty();
    }

    @Test
    void noSectionDocumentsAParameterItsClassesDoNotHave() throws Exception {
        Map<String, Set<String>> bySymbol = new LinkedHashMap<>();
        for (Class<?> c : describables()) {
            String symbol = symbol(c);
            if (symbol != null) {
                // A step and its freestyle builder share a section, so their parameters are pooled.
                String section = section(symbol);
                bySymbol.computeIfAbsent(section == null ? symbol : section, k -> new LinkedHashSet<>())
                        .addAll(parameters(c));
            }
        }
        List<String> stale = new ArrayList<>();
        bySymbol.forEach((section, parameters) -> {
            boolean inParameterTable = false;
            for (String line : section.split("\n")) {
                if (line.startsWith("| parameter |")) {
                    inParameterTable = true;
                } else if (!line.startsWith("|")) {
                    inParameterTable = false;
                } else if (inParameterTable && line.startsWith("| `")) {
                    String name = line.substring(3, line.indexOf('`', 3));
                    if (!parameters.contains(name)) {
                        stale.add(section.lines().findFirst().orElse("") + ": " + name);
                    }
                }
            }
        });
        assertThat(stale).as("documented in docs/step-reference.md but not a parameter of the class").isEmpty();
    }

    @Test
    void aParameterIsDocumentedAsTakingAListExactlyWhenItDoes() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : describables()) {
            String section = symbol(c) == null ? null : section(symbol(c));
            if (section == null || !(ViewsTest.descriptor(c) instanceof ListParameters lists)) {
                continue;
            }
            for (String parameter : parameters(c)) {
                boolean documented = section.contains("| `" + parameter + "` | String or List |");
                if (documented != lists.listParameters().contains(parameter)) {
                    wrong.add(symbol(c) + ": " + parameter + (documented ? " is no list field" : " takes a list"));
                }
            }
        }
        assertThat(wrong).as("docs/step-reference.md types").isEmpty();
    }

    @Test
    void everyBakeResultKeyAndVariableIsDocumented() throws IOException {
        BakeResult result = BakeResult.builder().artifactId("ams3:58285042").id("58285042").name("app-v1")
                .regions(List.of("ams3")).builderId("pearkes.digitalocean")
                .addBuild(new PackerArtifact("digitalocean.app", "pearkes.digitalocean", "ams3:58285042",
                        "A snapshot was created", List.of()))
                .packerVersion("1.9.4").durationSeconds(1.5).build();
        assertDocumented("bakeImage", keys(result.toMap()));
        assertDocumented("bakeImage", BakeGlue.variables(result).keySet());
    }

    @Test
    void everyVerifyResultKeyAndVariableIsDocumented() throws IOException {
        EndpointResult endpoint = new EndpointResult("http://127.0.0.1:8080/health", false, 3, 0, 503,
                "status 503 is not in 200:299", 2L, 5L, "not healthy within 5m");
        VerifyOrRollBack.Result result = new VerifyOrRollBack.Result(new VerifyResult(false, List.of(endpoint),
                Duration.ofSeconds(3), false), RollbackOutcome.notPossible("no previous successful deployment"));
        assertDocumented("verifyDeploy", keys(result.toMap()));
        assertDocumented("verifyDeploy", VerifyGlue.variables(result).keySet());
    }

    @Test
    void everyDeployResultKeyAndVariableIsDocumented() throws IOException {
        ResourceChange change = new ResourceChange("terraform_data.app", ResourceChange.Action.values()[0]);
        DeployResult result = new DeployResult(true, false, PlanSummary.of(List.of(change)),
                Map.of("url", "http://127.0.0.1:8080"), "20261124T160000.000Z-abcdef", null, "tofu", "1.10.10",
                Duration.ofSeconds(4));
        assertDocumented("immutableDeploy", keys(result.toMap()));
        Set<String> variables = new LinkedHashSet<>(DeployGlue.variables(result).keySet());
        assertThat(variables).contains("DEPLOY_OUTPUT_URL");
        variables.remove("DEPLOY_OUTPUT_URL");
        variables.add("DEPLOY_OUTPUT_<NAME>");
        assertDocumented("immutableDeploy", variables);
    }

    @Test
    void everyReleaseResultKeyAndVariableIsDocumented() throws IOException {
        ResourceChange change = new ResourceChange("terraform_data.app[\"img-2\"]", ResourceChange.Action.CREATE);
        DeployResult phase = new DeployResult(true, false, PlanSummary.of(List.of(change)),
                Map.of("url", "http://127.0.0.1:8080"), "20261124T160000.000Z-abcdef", null, "tofu", "1.10.10",
                Duration.ofSeconds(4));
        EndpointResult endpoint = new EndpointResult("http://127.0.0.1:8081/health", true, 3, 3, 200, null, 2L, 5L, null);
        ReleaseChecks.Outcome checks = new ReleaseChecks.Outcome(new VerifyResult(true, List.of(endpoint),
                Duration.ofSeconds(3), false));
        BlueGreen.Result result = new BlueGreen.Result("switchedBack", false, "img-1", "img-2",
                List.of(new BlueGreen.PhaseResult("candidate", phase)), checks, checks, 1.5,
                Map.of("url", "http://127.0.0.1:8080"), "img-2 failed through the stable address");
        assertDocumented("blueGreenDeploy", keys(result.toMap()));
        Set<String> variables = new LinkedHashSet<>(BlueGreenGlue.variables(result).keySet());
        assertThat(variables).contains("RELEASE_OUTPUT_URL");
        variables.remove("RELEASE_OUTPUT_URL");
        variables.add("RELEASE_OUTPUT_<NAME>");
        assertDocumented("blueGreenDeploy", variables);
    }

    @Test
    void everyRollbackResultKeyAndVariableIsDocumented() throws IOException {
        RollbackOutcome outcome = RollbackOutcome.notPossible("no previous successful deployment");
        assertDocumented("rollbackDeploy", keys(outcome.toMap()));
        assertDocumented("rollbackDeploy", RollbackGlue.variables(outcome).keySet());
    }

    @Test
    void everyPruneResultKeyAndVariableIsDocumented() throws IOException {
        Snapshot s = new Snapshot("100000001", "app-v1", java.time.Instant.parse("2026-09-01T10:00:00Z"), List.of("nyc3"), 25,
                1.5);
        PruneResult result = new PruneResult(List.of(s), List.of(s), List.of(s), true);
        assertDocumented("pruneImages", keys(result.toMap()));
        assertDocumented("pruneImages", PruneGlue.variables(result).keySet());
    }

    private static void assertDocumented(String symbol, Set<String> names) throws IOException {
        String section = section(symbol);
        assertThat(section).as("section for `" + symbol + "`").isNotNull();
        List<String> missing = names.stream().filter(n -> !section.contains("`" + n + "`")).toList();
        assertThat(missing).as("keys of " + symbol + " missing from its section in docs/step-reference.md").isEmpty();
    }

    /** Maps whose keys are the user's names (outputs, variables), not result keys. */
    private static final Set<String> USER_KEYED = Set.of("outputs", "vars", "secretVars");

    /** Every key of a result map, nested maps (also inside lists) included. */
    private static Set<String> keys(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                out.add(String.valueOf(k));
                if (!USER_KEYED.contains(String.valueOf(k))) {
                    out.addAll(keys(v));
                }
            });
        } else if (value instanceof List<?> l) {
            l.forEach(v -> out.addAll(keys(v)));
        }
        return out;
    }

    /** The classes of the plugin that Jenkins binds from configuration: they have a @DataBoundConstructor. */
    private static List<Class<?>> describables() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(BakeImageStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path p : files) {
            String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> c = Class.forName(name, false, StepReferenceTest.class.getClassLoader());
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** The @Symbol on the class or on its nested descriptor. */
    private static String symbol(Class<?> c) {
        Symbol own = c.getAnnotation(Symbol.class);
        if (own != null) {
            return own.value()[0];
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            Symbol s = nested.getAnnotation(Symbol.class);
            if (s != null) {
                return s.value()[0];
            }
        }
        return null;
    }

    /** Constructor parameter names, then setter-derived names. */
    static List<String> parameters(Class<?> c) {
        Set<String> out = new LinkedHashSet<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : k.getParameters()) {
                    assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                    out.add(p.getName());
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                String n = m.getName().substring(3);
                out.add(Character.toLowerCase(n.charAt(0)) + n.substring(1));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The text under the heading that names the symbol in backquotes, up to the next heading of
     * the same level; null when no heading names it.
     */
    private static String section(String symbol) throws IOException {
        Path doc = io.jenkins.plugins.immutabledeploy.engine.testing.TestTools.repoRoot().resolve("docs/step-reference.md");
        Map<String, String> sections = new LinkedHashMap<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("## ")) {
                if (heading != null) {
                    sections.put(heading, body.toString());
                }
                heading = line;
                body.setLength(0);
            }
            body.append(line).append('\n');
        }
        if (heading != null) {
            sections.put(heading, body.toString());
        }
        return sections.entrySet().stream().filter(e -> e.getKey().contains("`" + symbol + "`"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
