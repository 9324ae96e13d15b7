package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what one GitHub webhook delivery means, from its headers and raw body, for one receiver
 * (one secret, one filter). The checks, in order, each with the status GitHub is answered with:
 *
 * <ol>
 *   <li>a body over {@value #MAX_BODY_BYTES} bytes: 413 (before any hashing, so a huge body costs little);
 *   <li>no {@value WebhookVerifier#HEADER} header: 401, the sender did not authenticate;
 *   <li>a signature that does not verify with the secret: 403, the sender is not who it claims;
 *   <li>no {@code X-GitHub-Event} header: 400;
 *   <li>{@code ping}: 200 (verified first, so a ping also proves the secret is right);
 *   <li>any event other than {@code release}: 200, ignored (GitHub marks non-2xx answers as failures);
 *   <li>a body that is not a JSON object with a {@code release} carrying a {@code tag_name}: 400;
 *   <li>an action outside the configured set (default {@code published}), or a release the
 *       {@link ReleaseFilter} refuses: 200, ignored, saying why;
 *   <li>a delivery id already seen: 200, ignored as a duplicate;
 *   <li>otherwise: 202, triggered.
 * </ol>
 *
 * <p>The signature is checked before the body is parsed, so unauthenticated input never reaches the
 * JSON parser, and only a delivery that triggers is remembered as seen, so an unsigned request
 * cannot block a real delivery by reusing its id. Thread-safe.
 */
public final class WebhookHandler {
    /** The largest body accepted: GitHub caps payloads at 25 MB, release payloads are a few KB. */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** The release actions that trigger unless told otherwise. */
    public static final Set<String> DEFAULT_ACTIONS = Set.of("published");
    /** The header naming the event. */
    public static final String EVENT_HEADER = "X-GitHub-Event";
    /** The header carrying the delivery's unique id. */
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    private final WebhookVerifier verifier;
    private final ReleaseFilter filter;
    private final Set<String> actions;
    private final RecentDeliveries recent;

    /**
     * @param verifier checks the signature with this receiver's secret
     * @param filter which releases start builds
     * @param actions which {@code release} actions start builds; empty means {@link #DEFAULT_ACTIONS}
     * @param recent the memory of deliveries that started builds (share one per receiver, not across receivers)
     */
    public WebhookHandler(WebhookVerifier verifier, ReleaseFilter filter, Set<String> actions, RecentDeliveries recent) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.actions = actions == null || actions.isEmpty() ? DEFAULT_ACTIONS : Set.copyOf(actions);
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    /**
     * Reads a request body, stopping one byte past {@link #MAX_BODY_BYTES} so an oversized body is
     * recognised without being held in memory whole.
     *
     * @param in the request body
     * @return the bytes read: the whole body, or {@code MAX_BODY_BYTES + 1} bytes when it is too large
     * @throws IOException when reading fails
     */
    public static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(MAX_BODY_BYTES + 1);
    }

    /**
     * Handles one delivery.
     *
     * @param headers the request headers (names in any case; the first value of each)
     * @param body the raw body bytes, exactly as received (the signature covers these bytes)
     * @return the outcome; never throws for bad input
     */
    public WebhookOutcome handle(Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                h.putIfAbsent(k, v);
            }
        });
        String delivery = blankToNull(h.get(DELIVERY_HEADER));
        if (body.length > MAX_BODY_BYTES) {
            return rejected(413, "body larger than " + MAX_BODY_BYTES + " bytes", delivery);
        }
        String signature = blankToNull(h.get(WebhookVerifier.HEADER));
        if (signature == null) {
            return rejected(401, "no " + WebhookVerifier.HEADER + " header: set a secret in the GitHub webhook's "
                    + "settings (deliveries without a signature are refused)", delivery);
        }
        if (!verifier.verify(body, signature)) {
            return rejected(403, WebhookVerifier.HEADER + " does not match the body: the secret in GitHub's webhook "
                    + "settings differs from the configured secret, or the body was changed on the way", delivery);
        }
        String event = blankToNull(h.get(EVENT_HEADER));
        if (event == null) {
            return rejected(400, "no " + EVENT_HEADER + " header", delivery);
        }
        event = event.trim().toLowerCase(Locale.ROOT);
        if (event.equals("ping")) {
            return new WebhookOutcome(200, Kind.PING, "pong: the signature verified", delivery, null);
        }
        if (!event.equals("release")) {
            return new WebhookOutcome(200, Kind.IGNORED, "ignored: event '" + event + "' is not a release", delivery, null);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return rejected(400, "the body is not JSON: " + e.getOriginalMessage(), delivery);
        } catch (IOException e) {
            return rejected(400, "the body could not be read as JSON: " + e.getMessage(), delivery);
        }
        if (root == null || !root.isObject()) {
            return rejected(400, "the body is not a JSON object", delivery);
        }
        Release release;
        try {
            String repo = root.path("repository").path("full_name").asText(null);
            if (repo == null || repo.isEmpty()) {
                return rejected(400, "repository.full_name: missing from the release payload", delivery);
            }
            release = Release.fromJson(root.get("release"), repo);
        } catch (IllegalArgumentException e) {
            return rejected(400, e.getMessage(), delivery);
        }
        String action = root.path("action").asText("");
        if (!actions.contains(action)) {
            return new WebhookOutcome(200, Kind.IGNORED, "ignored: release action '" + action + "' is not one of "
                    + String.join(", ", actions.stream().sorted().toList()), delivery, release);
        }
        Optional<String> refused = filter.rejection(release);
        if (refused.isPresent()) {
            return new WebhookOutcome(200, Kind.IGNORED, "ignored: " + refused.get(), delivery, release);
        }
        if (delivery != null && !recent.markNew(delivery)) {
            return new WebhookOutcome(200, Kind.DUPLICATE, "ignored: delivery " + delivery
                    + " was already handled", delivery, release);
        }
        return new WebhookOutcome(202, Kind.TRIGGERED, "triggered by release " + release.tagName() + " of "
                + release.repository(), delivery, release);
    }

    private static WebhookOutcome rejected(int status, String message, String delivery) {
        return new WebhookOutcome(status, Kind.REJECTED, message, delivery, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
