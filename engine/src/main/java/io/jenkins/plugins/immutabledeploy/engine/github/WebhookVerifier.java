package io.jenkins.plugins.immutabledeploy.engine.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks GitHub's {@value #HEADER} header: {@code sha256=} followed by the hex HMAC-SHA256 of the
 * raw request body, keyed with the webhook's secret. The comparison takes the same time wherever
 * the first wrong byte is, so the signature cannot be guessed a byte at a time.
 *
 * <p>The verifier holds the secret; it has no {@code toString} that could print it.
 */
public final class WebhookVerifier {
    /** The header GitHub signs deliveries in. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /**
     * @param secret the webhook secret, as typed into GitHub's webhook settings
     * @throws IllegalArgumentException when it is empty (GitHub does not sign deliveries without a secret)
     */
    public WebhookVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret: the webhook secret is empty; set the same secret in GitHub's "
                    + "webhook settings and here (GitHub signs deliveries only when a secret is set)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Signs a body the way GitHub does.
     *
     * @param body the raw body bytes
     * @return {@code sha256=<64 lower-case hex digits>}
     */
    public String sign(byte[] body) {
        return PREFIX + HEX.formatHex(mac(body));
    }

    /**
     * Whether a header value has the form of a signature at all, {@code sha256=} and 64 hex digits:
     * what can be refused without knowing any secret.
     *
     * @param signature the header's value, or null
     * @return whether it could be a signature
     */
    public static boolean isWellFormed(String signature) {
        if (signature == null) {
            return false;
        }
        String s = signature.trim();
        if (s.length() != PREFIX.length() + 64 || !s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        for (int i = PREFIX.length(); i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a signature header against a body.
     *
     * @param body the raw body bytes, exactly as received
     * @param signature the header's value; null, another algorithm or malformed hex do not verify
     * @return whether the body was signed with this secret
     */
    public boolean verify(byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        String s = signature.trim();
        if (!s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HEX.parseHex(s.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Always compute the MAC, so a malformed header costs the same as a wrong one.
        return MessageDigest.isEqual(mac(body), given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform; this cannot happen on a working JVM.
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[" + ALGORITHM + "]";
    }
}
