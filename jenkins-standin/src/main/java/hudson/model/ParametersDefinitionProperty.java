package hudson.model;

import java.util.ArrayList;
import java.util.List;

/** Stand-in: the parameters a job declares ("This project is parameterized"). */
public class ParametersDefinitionProperty extends JobProperty<Job<?, ?>> {
    private final List<ParameterDefinition> parameterDefinitions;

    public ParametersDefinitionProperty(List<ParameterDefinition> parameterDefinitions) {
        this.parameterDefinitions = new ArrayList<>(parameterDefinitions);
    }

    public ParametersDefinitionProperty(ParameterDefinition... parameterDefinitions) {
        this(List.of(parameterDefinitions));
    }

    public List<ParameterDefinition> getParameterDefinitions() {
        return List.copyOf(parameterDefinitions);
    }
}
