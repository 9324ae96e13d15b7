package hudson.model;

import java.util.Set;

/** Test access to what the stand-in's {@link ParametersAction} keeps package-private. */
public final class TestParameters {
    private TestParameters() {}

    /**
     * @param action the action
     * @return the names it was given as additional safe parameters
     */
    public static Set<String> safeNames(ParametersAction action) {
        return action.safeParameterNames();
    }
}
