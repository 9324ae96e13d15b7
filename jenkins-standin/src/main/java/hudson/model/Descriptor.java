package hudson.model;

import java.util.HashMap;
import java.util.Map;

/** Stand-in: metadata and form handling for a {@link Describable}. */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    /** Field name to the describable and field whose help it shows, as upstream keeps them. */
    private final transient Map<String, Map.Entry<Class<?>, String>> helpRedirect = new HashMap<>(2);

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    /** Infers the described class from the enclosing class, as upstream does for nested descriptors. */
    @SuppressWarnings("unchecked")
    protected Descriptor() {
        Class<?> outer = getClass().getEnclosingClass();
        if (outer == null) {
            throw new AssertionError(getClass() + " is not nested in the class it describes");
        }
        this.clazz = (Class<? extends T>) outer;
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    /**
     * The URL of a field's help page, {@code /descriptor/ID/help/FIELD}, or null when there is none. Upstream asks
     * Stapler for a {@code help-FIELD} view or static page of the class and its superclasses; here only the
     * {@code help-FIELD.html} resources are looked for. A redirect answers with the other describable's help, whose
     * descriptor id is its class name (the default {@link #getId()}).
     */
    public String getHelpFile(final String fieldName) {
        Map.Entry<Class<?>, String> r = helpRedirect.get(fieldName);
        return r != null ? help(r.getKey(), r.getKey().getName(), r.getValue()) : help(clazz, getId(), fieldName);
    }

    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        helpRedirect.put(fieldName, Map.entry(owner, fieldNameToRedirectTo));
    }

    private static String help(Class<?> owner, String id, String fieldName) {
        String suffix = fieldName == null ? "" : "-" + fieldName;
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            if (c.getResource(c.getSimpleName() + "/help" + suffix + ".html") != null) {
                return "/descriptor/" + id + "/help" + (fieldName == null ? "" : "/" + fieldName);
            }
        }
        return null;
    }
}
