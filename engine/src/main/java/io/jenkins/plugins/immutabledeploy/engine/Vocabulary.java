package io.jenkins.plugins.immutabledeploy.engine;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the caller names the fields of a request, so that an engine message saying how to fix something names
 * them as the caller wrote them: a Pipeline user reads {@code allowDestroy: true}, a command-line user
 * {@code --allow-destroy}. The engine knows each field by its request component's name ({@code allowDestroy},
 * {@code executable}, {@code token}); the front end, which knows its own spelling, passes a vocabulary with the
 * request. Immutable.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Named arguments, as a Pipeline step takes them: {@code allowDestroy}, on with {@code allowDestroy: true}. */
    public static final Vocabulary FIELDS = new Vocabulary(false, Map.of());
    /** Command-line options: {@code --allow-destroy}, switched on by naming it. */
    public static final Vocabulary OPTIONS = new Vocabulary(true, Map.of());

    private final boolean options;
    private final Map<String, String> names;

    private Vocabulary(boolean options, Map<String, String> names) {
        this.options = options;
        this.names = Map.copyOf(names);
    }

    /**
     * The same style with some fields named otherwise, e.g. {@code executable} as {@code packer} or {@code token}
     * as {@code --token-env}; later names win.
     *
     * @param renamed engine field name to the caller's name, written in full ({@code --token-env})
     * @return the vocabulary
     */
    public Vocabulary with(Map<String, String> renamed) {
        Map<String, String> all = new LinkedHashMap<>(names);
        all.putAll(Objects.requireNonNull(renamed, "renamed"));
        return new Vocabulary(options, all);
    }

    /**
     * @param field an engine field name, e.g. {@code allowDestroyOf}
     * @return the caller's name for it: {@code allowDestroyOf} or {@code --allow-destroy-of}
     */
    public String name(String field) {
        String n = names.get(field);
        return n != null ? n : options ? "--" + kebab(field) : field;
    }

    /**
     * @param field an engine field that is a switch, e.g. {@code allowDestroy}
     * @return how the caller turns it on: {@code allowDestroy: true} or {@code --allow-destroy}
     */
    public String on(String field) {
        return options ? name(field) : name(field) + ": true";
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.options == options && v.names.equals(names);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, names);
    }

    @Override
    public String toString() {
        return (options ? "options" : "fields") + names;
    }
}
