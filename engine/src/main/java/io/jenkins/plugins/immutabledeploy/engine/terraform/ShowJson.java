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
import java.util.List;

/**
 * Reads what a deploy needs from the JSON of {@code show -json <plan>} as a stream: each resource's
 * address and actions, and the planned values of sensitive outputs (registered as secrets). Every
 * other part (planned values, prior state, configuration) is skipped without being held, so a plan
 * whose document is larger than memory should hold (a large {@code file()} input appears in it
 * several times) is read in constant memory.
 */
final class ShowJson {
    private ShowJson() {}

    /**
     * @param in the document
     * @param secrets receives the planned values of sensitive outputs
     * @return the plan's summary, as {@link PlanSummary#fromShowJson} makes it from the whole document
     * @throws IOException when the document is not JSON or not an object
     * @throws IllegalArgumentException when a resource has actions this version does not know
     */
    static PlanSummary read(InputStream in, SecretMasker secrets) throws IOException {
        List<ResourceChange> changes = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("resource_changes".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        ResourceChange c = resourceChange(p);
                        if (c.action() != Action.NO_OP) {
                            changes.add(c);
                        }
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
                } else {
                    p.skipChildren();
                }
            }
        }
        return PlanSummary.of(changes);
    }

    /** One element of {@code resource_changes}, the parser on its START_OBJECT. */
    private static ResourceChange resourceChange(JsonParser p) throws IOException {
        String address = "";
        List<String> actions = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("address".equals(field) && value.isScalarValue()) {
                address = p.getText();
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
        return new ResourceChange(address, Action.of(actions));
    }
}
