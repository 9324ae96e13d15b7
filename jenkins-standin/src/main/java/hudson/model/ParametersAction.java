package hudson.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stand-in: the parameters of a build. Upstream hides parameters the job does not define unless
 * they are named as safe; this stand-in keeps the safe names so tests can see them.
 */
public class ParametersAction implements Action, Iterable<ParameterValue> {
    private final List<ParameterValue> parameters;
    private final Set<String> safeParameters = new LinkedHashSet<>();

    public ParametersAction(List<ParameterValue> parameters) {
        this.parameters = new ArrayList<>(parameters);
    }

    public ParametersAction(List<ParameterValue> parameters, Collection<String> additionalSafeParameters) {
        this(parameters);
        if (additionalSafeParameters != null) {
            safeParameters.addAll(additionalSafeParameters);
        }
    }

    public ParametersAction(ParameterValue... parameters) {
        this(List.of(parameters));
    }

    public List<ParameterValue> getParameters() {
        return List.copyOf(parameters);
    }

    public ParameterValue getParameter(String name) {
        for (ParameterValue p : parameters) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * As upstream: these parameters with {@code overrides} put first and replacing those of the same name, and the
     * same safe parameter names.
     */
    public ParametersAction createUpdated(Collection<? extends ParameterValue> overrides) {
        if (overrides == null) {
            return new ParametersAction(parameters, safeParameters);
        }
        List<ParameterValue> combined = new ArrayList<>(overrides);
        Set<String> names = new LinkedHashSet<>();
        for (ParameterValue v : overrides) {
            if (v != null) {
                names.add(v.getName());
            }
        }
        for (ParameterValue v : parameters) {
            if (v != null && !names.contains(v.getName())) {
                combined.add(v);
            }
        }
        return new ParametersAction(combined, safeParameters);
    }

    /** Stand-in only (not upstream API): the names passed as additional safe parameters. */
    Set<String> safeParameterNames() {
        return Set.copyOf(safeParameters);
    }

    @Override
    public Iterator<ParameterValue> iterator() {
        return getParameters().iterator();
    }

    @Override
    public String getDisplayName() {
        return "Parameters";
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return "parameters";
    }
}
