package jenkins.model;

import hudson.model.Item;
import hudson.security.Permission;

/**
 * A running Jenkins for tests, in the stand-in's package so it can set the instance {@link Jenkins#get()} returns:
 * one where the current user has Overall/Administer or not, holding the items a test adds. Close it to stop it.
 */
public final class TestJenkins implements AutoCloseable {
    private TestJenkins() {}

    /**
     * @param administer whether the current user has Overall/Administer
     * @return the running instance's handle; closing it makes {@link Jenkins#get()} fail again
     */
    public static TestJenkins start(boolean administer) {
        Jenkins.instance = new Jenkins() {
            @Override
            public boolean hasPermission(Permission permission) {
                return administer && permission == Jenkins.ADMINISTER;
            }
        };
        return new TestJenkins();
    }

    /**
     * @param item an item {@link Jenkins#allItems} lists from now on (to code running as SYSTEM)
     * @return this
     */
    public TestJenkins add(Item item) {
        Jenkins.get().items.add(item);
        return this;
    }

    /**
     * @param item an item to delete, as "Delete Project" does
     * @return this
     */
    public TestJenkins remove(Item item) {
        Jenkins.get().items.remove(item);
        return this;
    }

    @Override
    public void close() {
        Jenkins.instance = null;
    }
}
