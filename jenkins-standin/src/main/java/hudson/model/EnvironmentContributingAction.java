package hudson.model;

import hudson.EnvVars;

/** Stand-in: a build action that adds variables to the environment of later build steps. */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(Run<?, ?> run, EnvVars env) {}
}
