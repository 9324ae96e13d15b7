package hudson.model;

/** Stand-in: anything with a display name. */
public interface ModelObject {
    String getDisplayName();
}
