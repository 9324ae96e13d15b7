package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
    private static final String SECRET = "whsec-7Qp!x9 \"quoted\" & spaced";
    private static final byte[] PUBLISHED = Fixtures.bytes("release-published.json");

    private final WebhookVerifier verifier = new WebhookVerifier(SECRET);
    private final WebhookHandler handler = new WebhookHandler(
            verifier, ReleaseFilter.of("octocat/Hello-World", null, false), null);

    private Map<String, String> headers(String event, String delivery, byte[] body) {
        Map<String, String> h = new HashMap<>();
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", delivery);
        h.put("X-Hub-Signature-256", verifier.sign(body));
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "GitHub-Hookshot/8e03811");
        return h;
    }

    private static byte[] json(ObjectNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }

    private WebhookOutcome deliver(ObjectNode payload) {
        byte[] body = json(payload);
        return handler.handle(headers("release", "d-" + System.nanoTime(), body), body);
    }

    @Test
    void aSignedPublishedReleaseTriggersWithEveryFieldParsed() {
        WebhookOutcome o = handler.handle(headers("release", "72d3162e-cc78-11e3-81ab-4c9367dc0958", PUBLISHED), PUBLISHED);

        assertThat(o.status()).isEqualTo(202);
        assertThat(o.kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(o.delivery()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(o.kind()).isEqualTo(WebhookOutcome.Kind.TRIGGERED);
        Release r = o.release();
        assertThat(r.repository()).isEqualTo("octocat/Hello-World");
        assertThat(r.id()).isEqualTo(182512947L);
        assertThat(r.tagName()).isEqualTo("v1.2.3");
        assertThat(r.name()).isEqualTo("Hello World 1.2.3");
        assertThat(r.htmlUrl()).isEqualTo("https://github.com/octocat/Hello-World/releases/tag/v1.2.3");
        assertThat(r.prerelease()).isFalse();
        assertThat(r.draft()).isFalse();
        assertThat(r.assets()).containsExactly(
                new Release.Asset("hello-world-1.2.3.tar.gz",
                        "https://github.com/octocat/Hello-World/releases/download/v1.2.3/hello-world-1.2.3.tar.gz", 1843204),
                new Release.Asset("SHA256SUMS",
                        "https://github.com/octocat/Hello-World/releases/download/v1.2.3/SHA256SUMS", 91));
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCaseAsHttpRequires() {
        Map<String, String> h = new HashMap<>();
        h.put("x-github-event", "release");
        h.put("x-github-delivery", "lower-1");
        h.put("x-hub-signature-256", verifier.sign(PUBLISHED));
        assertThat(handler.handle(h, PUBLISHED).kind()).isEqualTo(Kind.TRIGGERED);
    }

    @Test
    void anUnsignedDeliveryIsRefusedWith401() {
        Map<String, String> h = headers("release", "u-1", PUBLISHED);
        h.remove("X-Hub-Signature-256");
        WebhookOutcome o = handler.handle(h, PUBLISHED);
        assertThat(o.status()).isEqualTo(401);
        assertThat(o.kind()).isEqualTo(Kind.REJECTED);
        assertThat(o.message()).contains("no X-Hub-Signature-256 header");
        assertThat(o.release()).isNull();
    }

    @Test
    void aDeliverySignedWithAnotherSecretIsRefusedWith403() {
        Map<String, String> h = headers("release", "w-1", PUBLISHED);
        h.put("X-Hub-Signature-256", new WebhookVerifier("not-the-secret").sign(PUBLISHED));
        WebhookOutcome o = handler.handle(h, PUBLISHED);
        assertThat(o.status()).isEqualTo(403);
        assertThat(o.kind()).isEqualTo(Kind.REJECTED);
        assertThat(o.message()).contains("does not match the body");
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedWith403() {
        Map<String, String> h = headers("release", "t-1", PUBLISHED);
        byte[] tampered = new String(PUBLISHED, StandardCharsets.UTF_8).replace("v1.2.3", "v6.6.6")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handle(h, tampered).status()).isEqualTo(403);
    }

    @Test
    void aBodyOverFiveMegabytesIsRefusedWith413BeforeItsSignatureIsLookedAt() throws Exception {
        byte[] huge = new byte[WebhookHandler.MAX_BODY_BYTES + 4096];
        java.util.Arrays.fill(huge, (byte) ' ');
        byte[] read = WebhookHandler.readBody(new ByteArrayInputStream(huge));
        assertThat(read).hasSize(WebhookHandler.MAX_BODY_BYTES + 1);

        Map<String, String> unsigned = new HashMap<>();
        unsigned.put("X-GitHub-Event", "release");
        WebhookOutcome o = handler.handle(unsigned, read);
        assertThat(o.status()).isEqualTo(413);
        assertThat(o.kind()).isEqualTo(Kind.REJECTED);
    }

    @Test
    void aBodyOfExactlyFiveMegabytesIsStillRead() throws Exception {
        byte[] limit = new byte[WebhookHandler.MAX_BODY_BYTES];
        java.util.Arrays.fill(limit, (byte) ' ');
        byte[] read = WebhookHandler.readBody(new ByteArrayInputStream(limit));
        WebhookOutcome o = handler.handle(headers("release", "big-1", read), read);
        // Signed and within bounds, but blank: it gets as far as the JSON check.
        assertThat(o.status()).isEqualTo(400);
    }

    @Test
    void malformedJsonThatIsCorrectlySignedIsRefusedWith400() {
        byte[] broken = "{\"action\":\"published\",\"release\":{\"tag_name\":".getBytes(StandardCharsets.UTF_8);
        WebhookOutcome o = handler.handle(headers("release", "m-1", broken), broken);
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.kind()).isEqualTo(Kind.REJECTED);
        assertThat(o.message()).startsWith("the body is not JSON");
    }

    @Test
    void jsonThatIsNotAReleasePayloadIsRefusedWith400NamingTheMissingField() {
        ObjectNode noTag = Fixtures.delivery();
        ((ObjectNode) noTag.get("release")).remove("tag_name");
        assertThat(deliver(noTag).status()).isEqualTo(400);
        assertThat(deliver(noTag).message()).isEqualTo("release.tag_name: missing or empty");

        ObjectNode noRepo = Fixtures.delivery();
        noRepo.remove("repository");
        assertThat(deliver(noRepo).message()).startsWith("repository.full_name: missing");

        byte[] array = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handle(headers("release", "a-1", array), array).status()).isEqualTo(400);
    }

    @Test
    void aFormEncodedDeliveryIsVerifiedOnItsRawBytesAndReadFromItsPayloadField() {
        byte[] form = ("payload=" + java.net.URLEncoder.encode(new String(PUBLISHED, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> h = headers("release", "form-1", form);
        h.put("Content-Type", "application/x-www-form-urlencoded");
        WebhookOutcome o = handler.handle(h, form);
        assertThat(o.kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(o.release().assets()).hasSize(2);

        byte[] noPayload = "other=1".getBytes(StandardCharsets.US_ASCII);
        Map<String, String> h2 = headers("release", "form-2", noPayload);
        h2.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(handler.handle(h2, noPayload).message()).isEqualTo("a form-encoded delivery without a 'payload' field");

        // Signed as JSON but re-sent as a form: the signature covers the bytes actually sent.
        h.put("X-Hub-Signature-256", verifier.sign(PUBLISHED));
        assertThat(handler.handle(h, form).status()).isEqualTo(403);
    }

    @Test
    void aDeliveryWithoutAnEventHeaderIsRefusedWith400() {
        Map<String, String> h = headers("release", "e-1", PUBLISHED);
        h.remove("X-GitHub-Event");
        assertThat(handler.handle(h, PUBLISHED).status()).isEqualTo(400);
    }

    @Test
    void aSignedPingIsAnsweredWith200AndTriggersNothing() {
        byte[] ping = Fixtures.bytes("ping.json");
        WebhookOutcome o = handler.handle(headers("ping", "p-1", ping), ping);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.kind()).isEqualTo(Kind.PING);
        assertThat(o.kind()).isNotEqualTo(WebhookOutcome.Kind.TRIGGERED);
    }

    @Test
    void aPingSignedWithTheWrongSecretIsRefusedSoThePingProvesTheSecret() {
        byte[] ping = Fixtures.bytes("ping.json");
        Map<String, String> h = headers("ping", "p-2", ping);
        h.put("X-Hub-Signature-256", new WebhookVerifier("other").sign(ping));
        assertThat(handler.handle(h, ping).status()).isEqualTo(403);
    }

    @Test
    void otherEventsAreAnsweredWith200AndIgnored() {
        byte[] push = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        WebhookOutcome o = handler.handle(headers("push", "o-1", push), push);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.kind()).isEqualTo(Kind.IGNORED);
        assertThat(o.message()).isEqualTo("ignored: event 'push' is not a release");
    }

    @Test
    void releaseActionsOutsideTheConfiguredSetAreIgnoredAndTheSetCanBeWidened() {
        ObjectNode created = Fixtures.delivery().put("action", "created");
        WebhookOutcome o = deliver(created);
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.kind()).isEqualTo(Kind.IGNORED);
        assertThat(o.message()).isEqualTo("ignored: release action 'created' is not one of published");
        assertThat(o.release().tagName()).isEqualTo("v1.2.3");

        WebhookHandler wider = new WebhookHandler(verifier, ReleaseFilter.ANY, Set.of("published", "created"));
        byte[] body = json(created);
        assertThat(wider.handle(headers("release", "c-1", body), body).kind()).isEqualTo(Kind.TRIGGERED);
    }

    @Test
    void aReleaseOfAnotherRepositoryIsIgnoredAndTheMatchIgnoresCase() {
        ObjectNode other = Fixtures.delivery();
        ((ObjectNode) other.get("repository")).put("full_name", "octocat/Spoon-Knife");
        WebhookOutcome o = deliver(other);
        assertThat(o.kind()).isEqualTo(Kind.IGNORED);
        assertThat(o.message()).isEqualTo("ignored: release v1.2.3 is of octocat/Spoon-Knife, not octocat/Hello-World");

        ObjectNode upper = Fixtures.delivery();
        ((ObjectNode) upper.get("repository")).put("full_name", "OctoCat/hello-world");
        assertThat(deliver(upper).kind()).isEqualTo(Kind.TRIGGERED);
    }

    @Test
    void aTagThatDoesNotMatchTheWholePatternIsIgnored() {
        WebhookHandler strict = new WebhookHandler(verifier, ReleaseFilter.of("octocat/Hello-World",
                "v\\d+\\.\\d+\\.\\d+", false), null);
        ObjectNode rc = Fixtures.delivery();
        ((ObjectNode) rc.get("release")).put("tag_name", "v1.2.3-rc1");
        byte[] body = json(rc);
        WebhookOutcome o = strict.handle(headers("release", "tag-1", body), body);
        assertThat(o.kind()).isEqualTo(Kind.IGNORED);
        assertThat(o.message()).isEqualTo("ignored: tag v1.2.3-rc1 does not match the tag pattern v\\d+\\.\\d+\\.\\d+");
        assertThat(strict.handle(headers("release", "tag-2", PUBLISHED), PUBLISHED).kind()).isEqualTo(Kind.TRIGGERED);
    }

    @Test
    void preReleasesTriggerOnlyWhenIncluded() {
        ObjectNode pre = Fixtures.delivery();
        ((ObjectNode) pre.get("release")).put("prerelease", true);
        assertThat(deliver(pre).kind()).isEqualTo(Kind.IGNORED);
        assertThat(deliver(pre).message()).contains("is a pre-release and pre-releases are not included");

        WebhookHandler including = new WebhookHandler(verifier, ReleaseFilter.of("octocat/Hello-World", null, true),
                null);
        byte[] body = json(pre);
        WebhookOutcome o = including.handle(headers("release", "pre-1", body), body);
        assertThat(o.kind()).isEqualTo(Kind.TRIGGERED);
        assertThat(o.release().toBuildParameters()).containsEntry("RELEASE_PRERELEASE", "true");
    }

    @Test
    void draftsNeverTriggerEvenWhenEverythingElseIsAllowed() {
        WebhookHandler open = new WebhookHandler(verifier, ReleaseFilter.ANY, Set.of("published", "created"));
        ObjectNode draft = Fixtures.delivery().put("action", "created");
        ((ObjectNode) draft.get("release")).put("draft", true);
        byte[] body = json(draft);
        WebhookOutcome o = open.handle(headers("release", "draft-1", body), body);
        assertThat(o.kind()).isEqualTo(Kind.IGNORED);
        assertThat(o.message()).isEqualTo("ignored: release v1.2.3 is a draft");
    }

    @Test
    void theScreenRefusesWhatNeedsNoSecretOnceAndLetsSignedLookingReleasesAndPingsThrough() {
        Map<String, String> unsigned = headers("release", "sc-1", PUBLISHED);
        unsigned.remove("X-Hub-Signature-256");
        assertThat(WebhookHandler.screen(unsigned, PUBLISHED)).get().extracting(WebhookOutcome::status).isEqualTo(401);

        for (String malformed : List.of("sha256=", "sha256=abc", "sha1=" + "0".repeat(40), "sha256=" + "z".repeat(64),
                "sha256=" + "0".repeat(65))) {
            Map<String, String> h = headers("release", "sc-2", PUBLISHED);
            h.put("X-Hub-Signature-256", malformed);
            WebhookOutcome o = WebhookHandler.screen(h, PUBLISHED).orElseThrow();
            assertThat(o.status()).as(malformed).isEqualTo(403);
            assertThat(o.message()).isEqualTo("X-Hub-Signature-256 is not 'sha256=' followed by 64 hex digits");
        }

        Map<String, String> noEvent = headers("release", "sc-3", PUBLISHED);
        noEvent.remove("X-GitHub-Event");
        assertThat(WebhookHandler.screen(noEvent, PUBLISHED)).get().extracting(WebhookOutcome::status).isEqualTo(400);

        // Another event is ignored whoever signed it: nothing starts, so nothing needs verifying.
        Map<String, String> push = headers("push", "sc-4", PUBLISHED);
        push.put("X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        WebhookOutcome ignored = WebhookHandler.screen(push, PUBLISHED).orElseThrow();
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.kind()).isEqualTo(Kind.IGNORED);

        Map<String, String> forged = headers("release", "sc-5", PUBLISHED);
        forged.put("X-Hub-Signature-256", "SHA256=" + "0".repeat(64));
        assertThat(WebhookHandler.screen(forged, PUBLISHED)).as("only a receiver's secret can tell").isEmpty();
        assertThat(WebhookHandler.screen(headers("Ping", "sc-6", PUBLISHED), PUBLISHED)).isEmpty();
        assertThat(handler.handle(forged, PUBLISHED).status()).isEqualTo(403);
    }

    @Test
    void aTagGitWouldRefuseIsRefusedWith400AndQuotedWithoutItsControlCharacters() {
        ObjectNode injected = Fixtures.delivery();
        ((ObjectNode) injected.get("release")).put("tag_name", "v1.2.3\nregion=attacker");
        WebhookOutcome o = deliver(injected);
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.kind()).isEqualTo(Kind.REJECTED);
        assertThat(o.release()).isNull();
        assertThat(o.message()).isEqualTo("release.tag_name: 'v1.2.3\\u000aregion=attacker' is not a tag name git "
                + "accepts (it contains the control character U+000A); no build is started for it");
        assertThat(o.message()).doesNotContain("\n");

        for (String tag : List.of("v1 2", "v1..2", "-v1", "v1;rm", "v1$(id)", "v1`id`")) {
            ObjectNode other = Fixtures.delivery();
            ((ObjectNode) other.get("release")).put("tag_name", tag);
            boolean gitAccepts = GitTagName.problem(tag).isEmpty();
            assertThat(deliver(other).status()).as(tag).isEqualTo(gitAccepts ? 202 : 400);
        }
    }

    @Test
    void theSecretAppearsInNoOutcomeWhateverTheCase() {
        List<WebhookOutcome> all = new ArrayList<>();
        all.add(handler.handle(headers("release", "s-1", PUBLISHED), PUBLISHED));
        Map<String, String> wrong = headers("release", "s-2", PUBLISHED);
        wrong.put("X-Hub-Signature-256", new WebhookVerifier(SECRET + "x").sign(PUBLISHED));
        all.add(handler.handle(wrong, PUBLISHED));
        Map<String, String> none = headers("release", "s-3", PUBLISHED);
        none.remove("X-Hub-Signature-256");
        all.add(handler.handle(none, PUBLISHED));
        byte[] broken = ("{\"secret\":\"" + SECRET).getBytes(StandardCharsets.UTF_8);
        all.add(handler.handle(headers("release", "s-4", broken), broken));
        for (WebhookOutcome o : all) {
            assertThat(Json.write(o.toMap())).doesNotContain(SECRET).doesNotContain("whsec");
            assertThat(o.toString()).doesNotContain("whsec");
        }
        assertThat(all).extracting(WebhookOutcome::status).containsExactly(202, 403, 401, 400);
    }

    @Test
    void theMostRelevantOutcomeAmongReceiversPrefersAReleaseAJobCouldNotTakeThenATriggerThenANoOpThenTheFurthestRejection() {
        Release r = Release.fromJson(Fixtures.delivery().get("release"), "octocat/Hello-World");
        WebhookOutcome triggered = new WebhookOutcome(202, Kind.TRIGGERED, "t", "d", r);
        WebhookOutcome ignored = new WebhookOutcome(200, Kind.IGNORED, "i", "d", null);
        WebhookOutcome unsigned = new WebhookOutcome(401, Kind.REJECTED, "u", "d", null);
        WebhookOutcome wrong = new WebhookOutcome(403, Kind.REJECTED, "w", "d", null);
        WebhookOutcome malformed = new WebhookOutcome(400, Kind.REJECTED, "m", "d", null);
        assertThat(WebhookOutcome.mostRelevant(List.of(wrong, triggered, ignored))).isSameAs(triggered);
        assertThat(WebhookOutcome.mostRelevant(List.of(wrong, ignored, unsigned))).isSameAs(ignored);
        assertThat(WebhookOutcome.mostRelevant(List.of(unsigned, wrong, malformed))).isSameAs(malformed);
        assertThat(WebhookOutcome.mostRelevant(List.of(unsigned, wrong))).isSameAs(wrong);
        WebhookOutcome notScheduled = new WebhookOutcome(503, Kind.NOT_SCHEDULED, "n", "d", r);
        assertThat(WebhookOutcome.mostRelevant(List.of(triggered, notScheduled, ignored)))
                .as("a job that could not take the build makes the delivery fail, so it can be redelivered")
                .isSameAs(notScheduled);
    }
}
