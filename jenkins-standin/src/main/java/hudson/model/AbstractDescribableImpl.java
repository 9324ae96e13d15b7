package hudson.model;

/** Stand-in: the old base class of describables. */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
