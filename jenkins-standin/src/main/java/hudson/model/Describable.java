package hudson.model;

/** Stand-in: an object configured through a {@link Descriptor}. */
public interface Describable<T extends Describable<T>> {
    /** Upstream looks the descriptor up in Jenkins; there is no Jenkins here. */
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stand-in: no Jenkins instance to look descriptors up in");
    }
}
