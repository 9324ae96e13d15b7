package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 *   <li>a {@value WebhookVerifier#HEADER} header that is not {@code sha256=} and 64 hex digits: 403;
 *   <li>no {@code X-GitHub-Event} header: 400;
 *   <li>any event other than {@code release} and {@code ping}: 200, ignored (GitHub marks non-2xx
 *       answers as failures);
 *   <li>a signature that does not verify with the secret: 403, the sender is not who it claims;
 *   <li>{@code ping}: 200 (verified first, so a ping also proves the secret is right);
 *   <li>a body that is not a JSON object with a {@code release} carrying a {@code tag_name}: 400
 *       (JSON as sent with GitHub's {@code application/json} content type, or the {@code payload}
 *       field of its {@code application/x-www-form-urlencoded} one);
 *   <li>a tag git would refuse ({@link GitTagName}): 400, so it never becomes {@code RELEASE_TAG};
 *   <li>an action outside the configured set (default {@code published}), or a release the
 *       {@link ReleaseFilter} refuses: 200, ignored, saying why;
 *   <li>otherwise: 202, triggered.
 * </ol>
 *
 * <p>The first five need no secret: {@link #screen} makes them once per delivery, before a
 * receiver looks up its secret, so an anonymous request costs no lookup. The signature is checked
 * before the body is parsed, so unauthenticated input never reaches the JSON parser. Whether the
 * release already started the receiver's job is the receiver's to decide, after it scheduled the
 * build: a handler remembers nothing and is thread-safe.
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

    /**
     * @param verifier checks the signature with this receiver's secret
     * @param filter which releases start builds
     * @param actions which {@code release} actions start builds; null or empty means {@link #DEFAULT_ACTIONS}
     */
    public WebhookHandler(WebhookVerifier verifier, ReleaseFilter filter, Set<String> actions) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.actions = actions == null || actions.isEmpty() ? DEFAULT_ACTIONS : Set.copyOf(actions);
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
     * The checks that need no secret (the first five of the list above), made once per delivery
     * before any receiver looks up its secret.
     *
     * @param headers the request headers (names in any case; the first value of each)
     * @param body the raw body bytes
     * @return the answer when the delivery ends here (413, 401, 403, 400, or 200 for an event that
     *     is neither {@code release} nor {@code ping}); empty when receivers must look at it
     */
    public static Optional<WebhookOutcome> screen(Map<String, String> headers, byte[] body) {
        Map<String, String> h = caseless(headers);
        String delivery = blankToNull(h.get(DELIVERY_HEADER));
        if (body.length > MAX_BODY_BYTES) {
            return Optional.of(rejected(413, "body larger than " + MAX_BODY_BYTES + " bytes", delivery));
        }
        String signature = blankToNull(h.get(WebhookVerifier.HEADER));
        if (signature == null) {
            return Optional.of(rejected(401, "no " + WebhookVerifier.HEADER + " header: set a secret in the GitHub "
                    + "webhook's settings (deliveries without a signature are refused)", delivery));
        }
        if (!WebhookVerifier.isWellFormed(signature)) {
            return Optional.of(rejected(403, WebhookVerifier.HEADER + " is not 'sha256=' followed by 64 hex digits",
                    delivery));
        }
        String event = blankToNull(h.get(EVENT_HEADER));
        if (event == null) {
            return Optional.of(rejected(400, "no " + EVENT_HEADER + " header", delivery));
        }
        event = event.toLowerCase(Locale.ROOT);
        if (!event.equals("ping") && !event.equals("release")) {
            return Optional.of(new WebhookOutcome(200, Kind.IGNORED, "ignored: event '" + event + "' is not a release",
                    delivery, null));
        }
        return Optional.empty();
    }

    /**
     * Handles one delivery: {@link #screen}, then the checks that need this receiver's secret and filter.
     *
     * @param headers the request headers (names in any case; the first value of each)
     * @param body the raw body bytes, exactly as received (the signature covers these bytes)
     * @return the outcome; never throws for bad input
     */
    public WebhookOutcome handle(Map<String, String> headers, byte[] body) {
        Optional<WebhookOutcome> screened = screen(headers, body);
        if (screened.isPresent()) {
            return screened.get();
        }
        Map<String, String> h = caseless(headers);
        String delivery = blankToNull(h.get(DELIVERY_HEADER));
        if (!verifier.verify(body, h.get(WebhookVerifier.HEADER))) {
            return rejected(403, WebhookVerifier.HEADER + " does not match the body: the secret in GitHub's webhook "
                    + "settings differs from the configured secret, or the body was changed on the way", delivery);
        }
        if (h.get(EVENT_HEADER).trim().equalsIgnoreCase("ping")) {
            return new WebhookOutcome(200, Kind.PING, "pong: the signature verified", delivery, null);
        }
        byte[] json = body;
        String contentType = h.getOrDefault("Content-Type", "");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            // GitHub's other content type: the JSON is the form field "payload"; the signature
            // still covers the raw form body, which was checked above.
            json = formPayload(body);
            if (json == null) {
                return rejected(400, "a form-encoded delivery without a 'payload' field", delivery);
            }
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
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
        Optional<String> badTag = GitTagName.problem(release.tagName());
        if (badTag.isPresent()) {
            return rejected(400, "release.tag_name: " + GitTagName.quote(release.tagName()) + " is not a tag name git "
                    + "accepts (" + badTag.get() + "); no build is started for it", delivery);
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
        return new WebhookOutcome(202, Kind.TRIGGERED, "triggered by release " + release.tagName() + " of "
                + release.repository(), delivery, release);
    }

    private static Map<String, String> caseless(Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                h.putIfAbsent(k, v);
            }
        });
        return h;
    }

    private static byte[] formPayload(byte[] body) {
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("payload")) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static WebhookOutcome rejected(int status, String message, String delivery) {
        return new WebhookOutcome(status, Kind.REJECTED, message, delivery, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
