package hudson.model;

/** Stand-in: a string parameter with a default value. */
public class StringParameterDefinition extends ParameterDefinition {
    private static final long serialVersionUID = 1L;

    private final String defaultValue;

    public StringParameterDefinition(String name, String defaultValue) {
        super(name);
        this.defaultValue = defaultValue;
    }

    public String getDefaultValue() {
        return defaultValue;
    }

    @Override
    public StringParameterValue getDefaultParameterValue() {
        return new StringParameterValue(getName(), defaultValue == null ? "" : defaultValue);
    }
}
