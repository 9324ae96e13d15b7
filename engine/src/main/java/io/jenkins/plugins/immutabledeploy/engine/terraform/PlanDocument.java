package io.jenkins.plugins.immutabledeploy.engine.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
     * Reads a {@code show -json} document.
     *
     * @param showJson the parsed document
     * @param secretNames the variables the deploy passed as secrets: their values are never read
     * @param secrets masks every value read
     * @return the document
     */
    public static PlanDocument of(JsonNode showJson, Set<String> secretNames, SecretMasker secrets) {
        Map<String, Variable> declared = new LinkedHashMap<>();
        JsonNode root = showJson.path("configuration").path("root_module");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("variables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            boolean sensitive = v.getValue().path("sensitive").asBoolean(false);
            JsonNode dflt = v.getValue().get("default");
            declared.put(v.getKey(), new Variable(sensitive, dflt != null,
                    dflt == null || sensitive || secretNames.contains(v.getKey()) ? null : secrets.mask(text(dflt))));
        }
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            outputs.put(o.getKey(), o.getValue().path("sensitive").asBoolean(false));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = showJson.path("variables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            Variable d = declared.get(v.getKey());
            if (secretNames.contains(v.getKey()) || d == null || d.sensitive()) {
                continue;
            }
            JsonNode value = v.getValue().get("value");
            values.put(v.getKey(), value == null || value.isNull() ? "" : secrets.mask(text(value)));
        }
        List<ResourceChange> all = PlanSummary.changesOf(showJson);
        PlanSummary summary = PlanSummary.of(all);
        // The summary's classification (a deposed leftover of a kept address) holds for the full list too.
        List<ResourceChange> classified = all.stream().map(c -> summary.changes().stream()
                .filter(s -> s.address().equals(c.address()) && Objects.equals(s.deposed(), c.deposed()))
                .findFirst().orElse(c)).toList();
        return new PlanDocument(summary, classified, values, declared, outputs);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(Json.MAPPER.convertValue(value, Object.class));
    }

    /**
     * @param name a variable's name
     * @return its value in the plan, or null when the plan has none or it is sensitive or secret
     */
    public String variable(String name) {
        return variables.get(name);
    }
}
