package hudson.model;

import java.io.Serializable;

/** Stand-in: the value of one build parameter. */
public abstract class ParameterValue implements Serializable {
    private static final long serialVersionUID = 1L;

    protected final String name;

    protected ParameterValue(String name) {
        this.name = name;
    }

    public final String getName() {
        return name;
    }

    public Object getValue() {
        return null;
    }
}
