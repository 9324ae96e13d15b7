package jenkins.model;

import hudson.security.Permission;

/**
 * A running Jenkins for tests, in the stand-in's package so it can set the instance {@link Jenkins#get()} returns:
 * one where the current user has Overall/Administer or not. Close it to stop it.
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

    @Override
    public void close() {
        Jenkins.instance = null;
    }
}
