package io.jenkins.plugins.immutabledeploy.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.TestJenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Every {@code doCheck*} and {@code doFill*} web method of every descriptor, as the Jenkins security team reads them:
 * POST only, and an answer only for a caller with Item/Configure on the job (or Overall/Administer outside one).
 * Stapler cannot run here, so the methods are called directly, as Stapler would once routing let the request through.
 */
class WebMethodsTest {
    /** Values among which every check finds one to complain about. */
    static final List<String> BAD_VALUES = List.of("", "x(", "not a pair", "-1", "soon", "ftp://x", "octocat", "bad name!");

    @BeforeEach
    void oneCredential() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("do-token", "t"));
    }

    static List<Method> webMethods() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : ViewsTest.DESCRIBABLES) {
            for (Method m : ViewsTest.descriptor(c).getClass().getMethods()) {
                if (m.getName().startsWith("doCheck") || m.getName().startsWith("doFill")) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    @Test
    void everyDescriptorHasItsWebMethods() {
        assertThat(webMethods()).hasSizeGreaterThanOrEqualTo(68);
    }

    @ParameterizedTest
    @MethodSource("webMethods")
    void isPostOnlyAndKnowsTheJobItAnswersFor(Method m) {
        assertThat(m.isAnnotationPresent(POST.class)).as(m + " @POST").isTrue();
        Parameter first = m.getParameters()[0];
        assertThat(first.getType()).as(m + " first parameter").isEqualTo(Item.class);
        assertThat(first.isAnnotationPresent(AncestorInPath.class)).as(m + " @AncestorInPath Item").isTrue();
        assertThat(Stream.of(m.getParameters()).skip(1)).as(m + " the rest are the form's values")
                .allMatch(p -> p.isAnnotationPresent(QueryParameter.class) && p.getType() == String.class);
    }

    @ParameterizedTest
    @MethodSource("webMethods")
    void answersWhoMayConfigureTheJobAndNoOneElse(Method m) throws Exception {
        Descriptor<?> d = ViewsTest.descriptor(m.getDeclaringClass().getEnclosingClass());
        if (m.getName().startsWith("doFill")) {
            assertThat(values(call(m, d, TestItems.configurable(), "kept"))).as("configurer").contains("do-token", "kept");
            assertThat(values(call(m, d, TestItems.readOnly(), "kept"))).as("reader").containsExactly("kept");
            try (TestJenkins j = TestJenkins.start(false)) {
                assertThat(values(call(m, d, null, "kept"))).as("no job, not an administrator").containsExactly("kept");
            }
            try (TestJenkins j = TestJenkins.start(true)) {
                assertThat(values(call(m, d, null, "kept"))).as("no job, an administrator").contains("do-token");
            }
            return;
        }
        List<FormValidation> forConfigurer = new ArrayList<>();
        for (String value : BAD_VALUES) {
            forConfigurer.add((FormValidation) call(m, d, TestItems.configurable(), value));
            FormValidation forReader = (FormValidation) call(m, d, TestItems.readOnly(), value);
            assertThat(forReader.kind).as("reader, " + value).isEqualTo(FormValidation.Kind.OK);
            assertThat(forReader.getMessage()).as("reader, " + value).isNull();
            try (TestJenkins j = TestJenkins.start(false)) {
                assertThat(((FormValidation) call(m, d, null, value)).getMessage()).as("no job, " + value).isNull();
            }
        }
        assertThat(forConfigurer).as("the configurer is told what is wrong with one of " + BAD_VALUES)
                .anyMatch(v -> v.kind != FormValidation.Kind.OK && v.getMessage() != null);
    }

    private static Object call(Method m, Descriptor<?> d, Item item, String value) throws Exception {
        Object[] args = new Object[m.getParameterCount()];
        args[0] = item;
        for (int i = 1; i < args.length; i++) {
            args[i] = i == 1 ? value : "";
        }
        try {
            return m.invoke(d, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static List<String> values(Object listBox) {
        return ((ListBoxModel) listBox).stream().map(o -> o.value).toList();
    }
}
