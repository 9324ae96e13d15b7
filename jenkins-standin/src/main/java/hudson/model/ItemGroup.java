package hudson.model;

/** Stand-in: a container of items (Jenkins itself, a folder); only named as a type here. */
public interface ItemGroup<T extends Item> {}
