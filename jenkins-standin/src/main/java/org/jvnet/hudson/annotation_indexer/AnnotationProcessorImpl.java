package org.jvnet.hudson.annotation_indexer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Stand-in, written for this project: lists every class that carries an annotation meta-annotated
 * {@link Indexed} in {@code META-INF/services/annotations/<annotation binary name>}, one binary class
 * name per line, the plain-text format that Jenkins' {@code Index.list} reads. Upstream's processor
 * cannot be resolved from Maven Central, so {@code @Symbol} is indexed by this one.
 */
@SupportedAnnotationTypes("*")
public class AnnotationProcessorImpl extends AbstractProcessor {
    private static final String PREFIX = "META-INF/services/annotations/";

    /** Annotation binary name to the binary names of the classes carrying it, collected over all rounds. */
    private final Map<String, Set<String>> uses = new TreeMap<>();

    public AnnotationProcessorImpl() {}

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latest();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        for (TypeElement annotation : annotations) {
            if (annotation.getAnnotation(Indexed.class) == null) {
                continue;
            }
            String key = processingEnv.getElementUtils().getBinaryName(annotation).toString();
            for (Element e : roundEnv.getElementsAnnotatedWith(annotation)) {
                Element type = e;
                while (!(type instanceof TypeElement)) {
                    type = type.getEnclosingElement();
                }
                uses.computeIfAbsent(key, k -> new TreeSet<>())
                        .add(processingEnv.getElementUtils().getBinaryName((TypeElement) type).toString());
            }
        }
        if (roundEnv.processingOver()) {
            uses.forEach(this::write);
        }
        return false;
    }

    private void write(String annotation, Set<String> classes) {
        String path = PREFIX + annotation;
        Set<String> all = new TreeSet<>(classes);
        // An incremental compile sees only the changed sources: keep what an earlier compile listed.
        try {
            FileObject old = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", path);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(old.openInputStream(), StandardCharsets.UTF_8))) {
                r.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(all::add);
            }
        } catch (IOException | IllegalArgumentException notThereYet) {
            // first compile: nothing to keep
        }
        try {
            FileObject out = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path);
            try (Writer w = out.openWriter()) {
                for (String c : all) {
                    w.write(c);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + path + ": " + e);
        }
    }
}
