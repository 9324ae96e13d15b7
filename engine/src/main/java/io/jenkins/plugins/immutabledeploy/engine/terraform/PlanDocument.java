package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a gate may know of a saved plan, read once from {@code show -json <plan>}: its summary, every resource change
 * (no-ops included, so a gate sees which servers stay), the values of its variables, and which variables and outputs
 * the configuration declares. Never holds a secret: the value of a sensitive variable, or of one the deploy passed as
 * a secret, is left out, and every other value is masked.
 *
 * @param summary the plan's summary
 * @param all every resource change, no-ops included, classified as in the summary, in plan order
 * @param variables the value of every variable the plan used that is neither sensitive nor secret (command line,
 *     variable files, environment and defaults alike), as text: a string as it is, any other value as JSON
 * @param declaredVariables every variable the root module declares, with its declaration
 * @param declaredOutputs every output the root module declares, with whether it is sensitive
 */
public record PlanDocument(PlanSummary summary, List<ResourceChange> all, Map<String, String> variables,
        Map<String, Variable> declaredVariables, Map<String, Boolean> declaredOutputs) {

    /** A plan that was not shown (no changes): only its variables are unknown. */
    public static final PlanDocument EMPTY = new PlanDocument(PlanSummary.EMPTY, List.of(), Map.of(), Map.of(), Map.of());

    /** Copies the collections. */
    public PlanDocument {
        Objects.requireNonNull(summary, "summary");
        all = List.copyOf(all);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        declaredVariables = Collections.unmodifiableMap(new LinkedHashMap<>(declaredVariables));
        declaredOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(declaredOutputs));
    }

    /**
     * A declared variable.
     *
     * @param sensitive whether it is declared {@code sensitive}
     * @param hasDefault whether it has a default value
     * @param defaultText its default as text when it has one and is not sensitive, else null
     */
    public record Variable(boolean sensitive, boolean hasDefault, String defaultText) {}

    /**
     * A plan's document from what {@link ShowJson} read of it.
     *
     * @param all every resource change, no-ops included, as the plan lists them
     * @param variables the non-sensitive, non-secret variables' values, masked
     * @param declaredVariables the root module's variables
     * @param declaredOutputs the root module's outputs
     * @return the document, its changes classified and summarised
     */
    static PlanDocument of(List<ResourceChange> all, Map<String, String> variables,
            Map<String, Variable> declaredVariables, Map<String, Boolean> declaredOutputs) {
        List<ResourceChange> classified = PlanSummary.classify(all);
        return new PlanDocument(PlanSummary.of(classified), classified, variables, declaredVariables, declaredOutputs);
    }

    /**
     * @param name a variable's name
     * @return its value in the plan, or null when the plan has none or it is sensitive or secret
     */
    public String variable(String name) {
        return variables.get(name);
    }
}
