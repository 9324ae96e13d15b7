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
 *     401 unsigned; 403 wrong signature; 413 too large; 503 a job could not take the build
 * @param kind what happened
 * @param message one sentence saying why; never contains the secret
 * @param delivery the {@code X-GitHub-Delivery} id, or null when GitHub sent none
 * @param release the release the payload carried, when it was a verified {@code release} event
 *     that parsed (always present for {@link Kind#TRIGGERED} and {@link Kind#NOT_SCHEDULED}; also
 *     shown for a release that was filtered out or repeated, so the sender sees what was read)
 */
public record WebhookOutcome(int status, Kind kind, String message, String delivery, Release release) {

    /** What happened to a delivery. */
    public enum Kind {
        /** A release passed every check: start the builds. */
        TRIGGERED,
        /**
         * A release passed every check but the job could not take the build (disabled, Jenkins
         * quieting down); nothing was remembered, so a redelivery can still start it.
         */
        NOT_SCHEDULED,
        /** A verified delivery of a release that already started the job. */
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
        if ((kind == Kind.TRIGGERED || kind == Kind.NOT_SCHEDULED) && release == null) {
            throw new IllegalArgumentException("release: a " + kind + " outcome needs the release it is about");
        }
    }

    /** @return whether GitHub should see the delivery as accepted (a 2xx status) */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    /**
     * Picks the answer for a delivery several receivers (several jobs, each with its own secret and
     * filter) looked at: a release a job could not take wins (so GitHub shows the delivery as failed
     * and it can be redelivered), then a trigger, then a verified no-op, then a rejection; among
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
            case NOT_SCHEDULED -> 0;
            case TRIGGERED -> 1;
            case DUPLICATE -> 2;
            case PING -> 3;
            case IGNORED -> 4;
            case REJECTED -> switch (status) {
                case 413 -> 5;
                case 400 -> 6;
                case 403 -> 7;
                default -> 8;
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
