package hudson.model;

import java.io.Serializable;

/** Stand-in: one parameter a job declares, with its default value. */
public abstract class ParameterDefinition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    protected ParameterDefinition(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Parameter name must be non-null");
        }
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** As upstream: null when the parameter has no default value. */
    public ParameterValue getDefaultParameterValue() {
        return null;
    }
}
