package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List fields take a Groovy list in a Pipeline ({@code urls: ['a', 'b']}) as well as today's text, and keep their
 * text area in the freestyle form; the snippet generator writes a list back. Binding runs through
 * {@link PipelineArguments}, which binds as structs does.
 */
class ListParametersTest {
    /** Each step and builder with the arguments it requires, so only the list field varies. */
    static final Map<Class<?>, Map<String, Object>> REQUIRED = Map.of(
            BakeImageStep.class, Map.of("template", "packer.pkr.hcl"), BakeImageBuilder.class, Map.of("template", "packer.pkr.hcl"),
            ImmutableDeployStep.class, Map.of("dir", "terraform"), ImmutableDeployBuilder.class, Map.of("dir", "terraform"),
            VerifyDeployStep.class, Map.of(), VerifyDeployBuilder.class, Map.of(),
            RollbackDeployStep.class, Map.of("dir", "terraform"), RollbackDeployBuilder.class, Map.of("dir", "terraform"),
            PruneImagesStep.class, Map.of("credentialsId", "do-token", "keep", 5),
            PruneImagesBuilder.class, Map.of("credentialsId", "do-token", "keep", 5));

    static List<Class<?>> describables() {
        return List.copyOf(REQUIRED.keySet());
    }

    @ParameterizedTest
    @MethodSource("describables")
    void aGroovyListBindsToEveryListFieldAsItsLines(Class<?> type) throws Exception {
        for (String field : listFields(type)) {
            Map<String, Object> args = new LinkedHashMap<>(REQUIRED.get(type));
            args.put(field, List.of("first", new StringBuilder("second")));

            Object bound = PipelineArguments.bind(type, args, true);

            assertThat(get(bound, field)).as(type.getSimpleName() + "." + field).isEqualTo("first\nsecond");
            assertThat(Fields.list(get(bound, field))).containsExactly("first", "second");
        }
    }

    @ParameterizedTest
    @MethodSource("describables")
    void withoutItsDescriptorAGroovyListIsRefusedAsStructsRefusesItForAStringField(Class<?> type) {
        String field = listFields(type).iterator().next();
        Map<String, Object> args = new LinkedHashMap<>(REQUIRED.get(type));
        args.put(field, List.of("first", "second"));

        assertThatThrownBy(() -> PipelineArguments.bind(type, args, false)).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("expects class java.lang.String but received class java.util.");
    }

    @Test
    void textBindsAsBeforeFromAPipelineStringAndFromTheFormsTextArea() throws Exception {
        VerifyDeployStep one = PipelineArguments.bind(VerifyDeployStep.class, Map.of("urls", "https://a.example/health"), true);
        VerifyDeployStep two = PipelineArguments.bind(VerifyDeployStep.class,
                Map.of("urls", "https://a.example/health\nhttps://b.example/health"), true);
        // What Stapler's bindJSON does with the text area: the String setter, as before.
        PruneImagesBuilder form = new PruneImagesBuilder("do-token", 5);
        form.setProtect("100000001\n100000002");

        assertThat(one.getUrls()).isEqualTo("https://a.example/health");
        assertThat(Fields.list(two.getUrls())).containsExactly("https://a.example/health", "https://b.example/health");
        assertThat(Fields.list(form.getProtect())).containsExactly("100000001", "100000002");
    }

    @Test
    void verifyDeployTakesAListAsItsOnlyUnnamedArgument() throws Exception {
        VerifyDeployStep s = PipelineArguments.bind(VerifyDeployStep.class,
                Map.of(UninstantiatedDescribable.ANONYMOUS_KEY, List.of("https://a.example/health", "https://b.example/health")), true);

        assertThat(Fields.list(s.getUrls())).containsExactly("https://a.example/health", "https://b.example/health");
    }

    @Test
    void imageIdsMayBeNumbersAndAnythingElseFailsNamingTheField() throws Exception {
        PruneImagesStep s = PipelineArguments.bind(PruneImagesStep.class,
                Map.of("credentialsId", "do-token", "keep", 5, "protect", List.of(100000001, "nyc3:100000002")), true);

        assertThat(Fields.list(s.getProtect())).containsExactly("100000001", "nyc3:100000002");
        assertThatThrownBy(() -> PipelineArguments.bind(PruneImagesStep.class,
                Map.of("credentialsId", "do-token", "keep", 5, "protectJobs", List.of(new LinkedHashMap<>(Map.of("name", "app-prod")))), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protectJobs: every entry of the list must be text or a number (got a map). Give a list of "
                        + "strings, e.g. protectJobs: ['first', 'second'], or one value per line.");
    }

    @Test
    void theSnippetGeneratorWritesSeveralEntriesAsAListAndOneAsText() throws Exception {
        ImmutableDeployStep.DescriptorImpl d = new ImmutableDeployStep.DescriptorImpl();
        UninstantiatedDescribable fromForm = new UninstantiatedDescribable("immutableDeploy", null, Map.of("dir", "terraform",
                "varFiles", "prod.tfvars\ncommon.tfvars", "backendConfig", "backend.hcl", "vars", "a=1\nb=2"));

        UninstantiatedDescribable snippet = d.customUninstantiate(fromForm);

        assertThat(snippet.getSymbol()).isEqualTo("immutableDeploy");
        assertThat(Map.<String, Object>copyOf(snippet.getArguments()))
                .containsEntry("varFiles", List.of("prod.tfvars", "common.tfvars"))
                .containsEntry("backendConfig", "backend.hcl").as("NAME=VALUE lines are not a list field")
                .containsEntry("vars", "a=1\nb=2");
        @SuppressWarnings("unchecked")
        ImmutableDeployStep again = PipelineArguments.bind(ImmutableDeployStep.class,
                (Map<String, Object>) snippet.getArguments(), true);
        assertThat(again.getVarFiles()).as("the snippet runs as the form was filled").isEqualTo("prod.tfvars\ncommon.tfvars");
    }

    @Test
    void theListFieldsAreThoseHoldingSeveralValuesAndBuildersShareTheirSteps() {
        Set<String> all = new TreeSet<>();
        for (Class<?> type : REQUIRED.keySet()) {
            all.addAll(listFields(type));
        }

        assertThat(all).containsExactly("allowDestroyOf", "backendConfig", "except", "only", "protect", "protectJobs",
                "urls", "varFiles");
        assertThat(new BakeImageBuilder.DescriptorImpl().listParameters())
                .isEqualTo(new BakeImageStep.DescriptorImpl().listParameters());
    }

    private static Set<String> listFields(Class<?> type) {
        Set<String> out = new TreeSet<>(((ListParameters) ViewsTest.descriptor(type)).listParameters());
        out.remove(UninstantiatedDescribable.ANONYMOUS_KEY);
        return out;
    }

    private static String get(Object bound, String field) throws Exception {
        Method getter = bound.getClass().getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
        return (String) getter.invoke(bound);
    }
}
