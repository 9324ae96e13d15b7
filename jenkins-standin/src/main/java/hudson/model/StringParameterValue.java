package hudson.model;

/** Stand-in: a string build parameter. */
public class StringParameterValue extends ParameterValue {
    private static final long serialVersionUID = 1L;

    private final String value;

    public StringParameterValue(String name, String value) {
        super(name);
        this.value = value;
    }

    @Override
    public String getValue() {
        return value;
    }
}
