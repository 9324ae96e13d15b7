package hudson.model;

/** Stand-in: metadata and form handling for a {@link Describable}. */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

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
}
