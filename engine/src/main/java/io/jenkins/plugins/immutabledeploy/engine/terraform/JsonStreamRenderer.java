package io.jenkins.plugins.immutabledeploy.engine.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.LineHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the machine-readable stream of {@code plan -json} and {@code apply -json} into readable log
 * lines as it arrives, and remembers the error diagnostics for the failure message.
 *
 * <p>Terraform prints sensitive output values in clear in the stream's {@code outputs} message; this
 * renderer registers them as secrets before that line (or any later one) reaches the log. Lines
 * that are not JSON (the tool's plain-text warnings) are logged as they are.
 */
public final class JsonStreamRenderer implements LineHandler {
    private final BuildLog log;
    private final boolean plannedChanges;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder errorText = new StringBuilder();

    /**
     * @param log where the readable lines go; its secrets receive sensitive output values
     * @param plannedChanges whether to log {@code planned_change} messages: yes for plan; apply repeats
     *     them before it starts, which only doubles what the plan already showed
     */
    public JsonStreamRenderer(BuildLog log, boolean plannedChanges) {
        this.log = log;
        this.plannedChanges = plannedChanges;
    }

    @Override
    public void line(String line) {
        JsonNode msg = parse(line);
        if (msg == null) {
            synchronized (errorText) {
                errorText.append(line).append('\n');
            }
            log.info(line);
            return;
        }
        registerSensitiveOutputs(msg, log.secrets());
        String type = msg.path("type").asText("");
        String text = msg.path("@message").asText("");
        switch (type) {
            case "version", "refresh_start" -> { }
            case "planned_change" -> {
                if (plannedChanges) {
                    log.info(plannedChange(msg.path("change")));
                }
            }
            case "resource_drift" -> log.info("  ! " + msg.path("change").path("resource").path("addr").asText()
                    + ": changed outside " + "of Terraform/OpenTofu (" + msg.path("change").path("action").asText() + ")");
            case "outputs" -> log.info(outputs(msg.path("outputs")));
            case "diagnostic" -> diagnostic(msg.path("diagnostic"));
            default -> {
                if (!text.isEmpty()) {
                    log.info(text);
                }
            }
        }
    }

    /** @return the error diagnostics seen so far, masked, each as {@code summary: detail} */
    public List<String> errors() {
        synchronized (errors) {
            return errors.stream().map(log.secrets()::mask).toList();
        }
    }

    /** @return every error diagnostic's text and every plain-text line, unmasked, to look for a lock in */
    String errorText() {
        synchronized (errorText) {
            return errorText.toString();
        }
    }

    private void diagnostic(JsonNode d) {
        String severity = d.path("severity").asText("error");
        String summary = d.path("summary").asText("");
        String detail = d.path("detail").asText("");
        String address = d.path("address").asText("");
        String head = (address.isEmpty() ? "" : address + ": ") + summary;
        if ("error".equals(severity)) {
            errors.add(detail.isBlank() ? head : head + ": " + detail.strip());
            synchronized (errorText) {
                errorText.append(summary).append('\n').append(detail).append('\n');
            }
            log.error(head);
        } else {
            log.warn(head);
        }
        for (String l : detail.strip().split("\n")) {
            if (!l.isBlank()) {
                log.info("  " + l);
            }
        }
    }

    private static String plannedChange(JsonNode change) {
        String action = change.path("action").asText();
        String symbol = switch (action) {
            case "create" -> "+";
            case "update" -> "~";
            case "delete" -> "-";
            case "replace" -> "-/+";
            case "read" -> "<=";
            case "move" -> "->";
            default -> "*";
        };
        String reason = change.path("reason").asText("");
        return "  " + symbol + " " + change.path("resource").path("addr").asText() + ": " + action
                + (reason.isEmpty() ? "" : " (" + reason.replace('_', ' ') + ")");
    }

    private static String outputs(JsonNode outputs) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            String value;
            if (o.path("sensitive").asBoolean(false)) {
                value = SecretMasker.MASK + " (sensitive)";
            } else if (o.has("value")) {
                value = o.get("value").toString();
            } else {
                value = "(" + o.path("action").asText("known after apply") + ")";
            }
            parts.add(e.getKey() + " = " + value);
        }
        return "Outputs: " + (parts.isEmpty() ? "none" : String.join(", ", parts));
    }

    /**
     * Registers every value of every sensitive output in an {@code outputs} message, or in the
     * document of {@code output -json}, as a secret: whole and, for lists and maps, leaf by leaf.
     *
     * @param node an {@code outputs} stream message, or an {@code output -json} document
     * @param secrets where to register them
     */
    static void registerSensitiveOutputs(JsonNode node, SecretMasker secrets) {
        JsonNode outputs = node.has("type") ? node.path("outputs") : node;
        if (node.has("type") && !"outputs".equals(node.path("type").asText())) {
            return;
        }
        for (JsonNode o : outputs) {
            if (o.path("sensitive").asBoolean(false) && o.has("value")) {
                registerValue(o.get("value"), secrets);
            }
        }
    }

    /**
     * Registers the planned values of sensitive outputs in a {@code show -json} document as secrets,
     * so that apply's stream (which in Terraform prints them in clear) can never show them.
     *
     * @param showJson the parsed {@code show -json} document of a saved plan
     * @param secrets where to register them
     */
    static void registerSensitivePlannedOutputs(JsonNode showJson, SecretMasker secrets) {
        for (JsonNode oc : showJson.path("output_changes")) {
            if (oc.path("after_sensitive").asBoolean(false)) {
                registerValue(oc.get("after"), secrets);
            }
        }
    }

    /**
     * Registers a JSON value as a secret: a string as it is, anything else as its JSON text and each leaf.
     *
     * @param value the value
     * @param secrets where to register it
     */
    static void registerValue(JsonNode value, SecretMasker secrets) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual()) {
            secrets.add(value.asText());
            return;
        }
        if (value.isValueNode()) {
            // A sensitive 0 or true would mask every digit and word in the log; short numbers stay readable.
            if (value.isNumber() && value.asText().length() >= 4) {
                secrets.add(value.asText());
            }
            return;
        }
        secrets.add(value.toString());
        value.forEach(v -> registerValue(v, secrets));
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(line);
            return n != null && n.isObject() && n.has("@message") ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
