package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    // GitHub's documented example ("Validating webhook deliveries"); checked independently with
    // `printf '%s' 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"`.
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final WebhookVerifier verifier = new WebhookVerifier(SECRET);

    @Test
    void signsGitHubsDocumentedExampleExactlyAsGitHubDoes() {
        assertThat(verifier.sign(PAYLOAD)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsGitHubsDocumentedSignatureInEitherCaseOfHexDigits() {
        assertThat(verifier.verify(PAYLOAD, SIGNATURE)).isTrue();
        assertThat(verifier.verify(PAYLOAD, "sha256=" + SIGNATURE.substring(7).toUpperCase())).isTrue();
    }

    @Test
    void refusesTheSignatureWhenOneByteOfTheBodyChanged() {
        assertThat(verifier.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
    }

    @Test
    void refusesTheSignatureUnderAnotherSecret() {
        assertThat(new WebhookVerifier("It's a Secret to Nobody").verify(PAYLOAD, SIGNATURE)).isFalse();
    }

    @Test
    void refusesMissingTruncatedNonHexAndSha1Signatures() {
        assertThat(verifier.verify(PAYLOAD, null)).isFalse();
        assertThat(verifier.verify(PAYLOAD, "")).isFalse();
        assertThat(verifier.verify(PAYLOAD, SIGNATURE.substring(0, SIGNATURE.length() - 2))).isFalse();
        assertThat(verifier.verify(PAYLOAD, "sha256=zz" + SIGNATURE.substring(9))).isFalse();
        assertThat(verifier.verify(PAYLOAD, "sha1=" + SIGNATURE.substring(7))).isFalse();
        assertThat(verifier.verify(PAYLOAD, SIGNATURE.substring(7))).isFalse();
    }

    @Test
    void anEmptySecretIsRefusedWithAMessageThatSaysWhatToDo() {
        assertThatThrownBy(() -> new WebhookVerifier(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secret: the webhook secret is empty");
    }

    @Test
    void theVerifierNeverPrintsItsSecret() {
        assertThat(verifier.toString()).doesNotContain(SECRET).doesNotContain("Secret");
    }
}
