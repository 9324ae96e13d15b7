package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one webhook delivery came to: the HTTP status to answer GitHub with, a message for the
 * sender and the log, and the release to start builds for when there is one.
 *
 * @param status the HTTP status: 202 triggered; 200 ping, ignored or duplicate; 400 malformed;
 *     401 unsigned; 403 wrong signature; 413 too large
 * @param kind what happened
 * @param message one sentence saying why; never contains the secret
 * @param delivery the {@code X-GitHub-Delivery} id, or null when GitHub sent none
 * @param release the release the payload carried, when it was a verified {@code release} event
 *     that parsed (always present for {@link Kind#TRIGGERED}; also shown for a release that was
 *     filtered out or repeated, so the sender sees what was read)
 */
public record WebhookOutcome(int status, Kind kind, String message, String delivery, Release release) {

    /** What happened to a delivery. */
    public enum Kind {
        /** A release passed every check: start the builds. */
        TRIGGERED,
        /** A verified delivery that repeats one that already started builds. */
        DUPLICATE,
        /** GitHub's ping, sent when the webhook is created; verified and answered. */
        PING,
        /** A verified delivery that starts nothing: another event, action, repository, tag, a draft. */
        IGNORED,
        /** Refused: unsigned, wrongly signed, too large or not a usable payload. */
        REJECTED
    }

    /** Checks the fields. */
    public WebhookOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (kind == Kind.TRIGGERED && release == null) {
            throw new IllegalArgumentException("release: a TRIGGERED outcome needs the release it triggers");
        }
    }

    /** @return whether GitHub should see the delivery as accepted (a 2xx status) */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /**
     * Picks the answer for a delivery several receivers (several jobs, each with its own secret and
     * filter) looked at: a trigger wins over a verified no-op, which wins over a rejection; among
     * rejections the one that got furthest (a malformed body that did verify, then a wrong
     * signature, then none) says most about what to fix.
     *
     * @param outcomes the receivers' outcomes, not empty
     * @return the most relevant one
     */
    public static WebhookOutcome mostRelevant(Collection<WebhookOutcome> outcomes) {
        return outcomes.stream()
                .min(Comparator.comparingInt(WebhookOutcome::rank))
                .orElseThrow(() -> new IllegalArgumentException("outcomes: none given"));
    }

    private int rank() {
        return switch (kind) {
            case TRIGGERED -> 0;
            case DUPLICATE -> 1;
            case PING -> 2;
            case IGNORED -> 3;
            case REJECTED -> switch (status) {
                case 413 -> 4;
                case 400 -> 5;
                case 403 -> 6;
                default -> 7;
            };
        };
    }

    /** @return status, kind (lower case), message, delivery and release (a map, or null) */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        m.put("message", message);
        m.put("delivery", delivery);
        m.put("release", release == null ? null : release.toMap());
        return m;
    }
}
