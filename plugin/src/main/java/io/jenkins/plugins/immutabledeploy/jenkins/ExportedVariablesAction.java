package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The environment variables the freestyle builders export ({@code IMAGE_ID}, {@code DEPLOY_CHANGED}, ...).
 * One per build; a later builder overrides the values of an earlier one. Values are masked: a secret
 * never becomes a build variable.
 */
public final class ExportedVariablesAction extends InvisibleAction implements EnvironmentContributingAction {
    private final Map<String, String> variables = new TreeMap<>();

    /**
     * Adds variables to the build's action, creating it on first use.
     *
     * @param run the build
     * @param variables the variables
     * @param mask masks the values
     */
    public static synchronized void export(Run<?, ?> run, Map<String, String> variables, UnaryOperator<String> mask) {
        ExportedVariablesAction a = run.getAction(ExportedVariablesAction.class);
        if (a == null) {
            a = new ExportedVariablesAction();
            run.addAction(a);
        }
        ExportedVariablesAction target = a;
        variables.forEach((k, v) -> target.variables.put(k, mask.apply(v)));
    }

    /** @return the exported variables */
    public Map<String, String> getVariables() {
        return Collections.unmodifiableMap(variables);
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.putAll(variables);
    }
}
