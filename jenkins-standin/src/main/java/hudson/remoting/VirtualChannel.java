package hudson.remoting;

/** Stand-in: the connection to an agent. Nothing is called on it here; a FilePath with one is remote. */
public interface VirtualChannel {}
