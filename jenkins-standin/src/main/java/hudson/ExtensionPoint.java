package hudson;

/** Stand-in: marker for extension points. */
public interface ExtensionPoint {}
