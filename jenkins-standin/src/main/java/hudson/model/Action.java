package hudson.model;

/** Stand-in: something attached to a build or job page. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
