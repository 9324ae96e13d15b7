package io.jenkins.plugins.immutabledeploy.engine.terraform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a deploy needs from the JSON of {@code show -json <plan>} as a stream: each resource's address, actions
 * and deposed key, the planned values of sensitive outputs (registered as secrets), the variables' values, and the
 * variables and outputs the root module declares. Every other part (planned values, prior state, the rest of the
 * configuration) is skipped without being held, and the parts read are read one entry at a time, so a plan whose
 * document is larger than memory should hold (a large {@code file()} input appears in it several times) is read in
 * little memory.
 */
final class ShowJson {
    /** The most of a variable's value a record keeps: an image id is short; a file's content is not one. */
    static final int MAX_VALUE_CHARS = 1024;

    private ShowJson() {}

    /**
     * @param in the document
     * @param secrets receives the planned values of sensitive outputs
     * @return the plan's summary, as {@link PlanSummary#fromShowJson} makes it from the whole document
     * @throws IOException when the document is not JSON or not an object
     * @throws IllegalArgumentException when a resource has actions this version does not know
     */
    static PlanSummary read(InputStream in, SecretMasker secrets) throws IOException {
        return read(in, Set.of(), secrets).summary();
    }

    /**
     * @param in the document
     * @param secretNames the variables the deploy passed as secrets: their values are never read
     * @param secrets receives the planned values of sensitive outputs, and masks every value read
     * @return what the plan will do, with its variables and the configuration's declarations
     * @throws IOException when the document is not JSON or not an object
     * @throws IllegalArgumentException when a resource has actions this version does not know
     */
    static PlanDocument read(InputStream in, Set<String> secretNames, SecretMasker secrets) throws IOException {
        List<ResourceChange> changes = new ArrayList<>();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, PlanDocument.Variable> declared = new LinkedHashMap<>();
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("resource_changes".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        changes.add(resourceChange(p));
                    }
                } else if ("output_changes".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        // One output at a time: its before and after values, nothing else.
                        JsonNode change = p.readValueAsTree();
                        if (change != null && change.path("after_sensitive").asBoolean(false)) {
                            JsonStreamRenderer.registerValue(change.get("after"), secrets);
                        }
                    }
                } else if ("variables".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (secretNames.contains(name)) {
                            p.skipChildren();
                        } else {
                            JsonNode v = p.readValueAsTree();
                            values.put(name, v == null ? null : v.get("value"));
                        }
                    }
                } else if ("configuration".equals(field) && value == JsonToken.START_OBJECT) {
                    rootModule(p, declared, outputs, secretNames, secrets);
                } else {
                    p.skipChildren();
                }
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            PlanDocument.Variable d = declared.get(name);
            if (d != null && !d.sensitive()) {
                variables.put(name, v == null || v.isNull() ? "" : secrets.mask(text(v)));
            }
        });
        return PlanDocument.of(changes, variables, declared, outputs);
    }

    /** {@code configuration}: its root module's declared variables and outputs, the parser on its START_OBJECT. */
    private static void rootModule(JsonParser p, Map<String, PlanDocument.Variable> declared,
            Map<String, Boolean> outputs, Set<String> secretNames, SecretMasker secrets) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!"root_module".equals(field) || value != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String part = p.currentName();
                JsonToken inner = p.nextToken();
                if ("variables".equals(part) && inner == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        JsonNode v = p.readValueAsTree();
                        boolean sensitive = v != null && v.path("sensitive").asBoolean(false);
                        JsonNode dflt = v == null ? null : v.get("default");
                        declared.put(name, new PlanDocument.Variable(sensitive, dflt != null,
                                dflt == null || sensitive || secretNames.contains(name) ? null : secrets.mask(text(dflt))));
                    }
                } else if ("outputs".equals(part) && inner == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        JsonNode o = p.readValueAsTree();
                        outputs.put(name, o != null && o.path("sensitive").asBoolean(false));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static String text(JsonNode value) {
        String text = value.isTextual() ? value.asText() : Json.write(Json.MAPPER.convertValue(value, Object.class));
        return text.length() <= MAX_VALUE_CHARS ? text : "(" + text.length() + " characters, not kept)";
    }

    /** One element of {@code resource_changes}, the parser on its START_OBJECT. */
    private static ResourceChange resourceChange(JsonParser p) throws IOException {
        String address = "";
        String deposed = null;
        List<String> actions = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("address".equals(field) && value.isScalarValue()) {
                address = p.getText();
            } else if ("deposed".equals(field) && value.isScalarValue()) {
                deposed = p.getText();
            } else if ("change".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY && "actions".equals(inner)) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            actions.add(p.getText());
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new ResourceChange(address, Action.of(actions), deposed);
    }
}
