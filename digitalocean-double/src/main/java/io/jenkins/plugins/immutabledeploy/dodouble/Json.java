package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** The one mapper, and short ways to build the API's objects. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = arr();
        values.forEach(a::add);
        return a;
    }

    static ArrayNode longs(Collection<Long> values) {
        ArrayNode a = arr();
        values.forEach(a::add);
        return a;
    }

    /** A wrapper object with one member, as every DigitalOcean answer is: {@code {"droplet": {...}}}. */
    static ObjectNode root(String key, JsonNode value) {
        ObjectNode o = obj();
        o.set(key, value);
        return o;
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
