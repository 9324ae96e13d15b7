package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.fixture;
import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.testing.CancelDuringWait;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigitalOceanClientTest {
    private static final Instant NOW = Instant.parse("2026-11-24T16:00:00Z");

    private final MockWebServer server = new MockWebServer();
    private final FakeDigitalOcean api = new FakeDigitalOcean();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(api);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DigitalOceanClient client(String token) {
        return DigitalOceanClient.builder()
                .baseUrl(server.url("/").toString())
                .token(token, "do-token")
                .sleeper(sleeps::add)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .log(new BuildLog(logged::add, new SecretMasker()))
                .build();
    }

    @Test
    void checksTheTokenAgainstTheAccountEndpointSendingItOnlyAsABearerHeader() {
        assertThat(client(TOKEN).checkToken()).isEqualTo("active");

        RecordedRequest r = api.requests().get(0);
        assertThat(r.getMethod() + " " + r.getTarget()).isEqualTo("GET /v2/account");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aRejectedTokenNamesWhereItCameFromAndNeverTheTokenItself() {
        String wrong = "dop_v1_" + "0".repeat(64);
        Throwable thrown = catchThrowable(() -> client(wrong).checkToken());

        assertThat(thrown).isInstanceOf(DigitalOceanException.class)
                .hasMessageStartingWith("the DigitalOcean token in credential do-token was rejected")
                .hasMessageContaining("unauthorized: Unable to authenticate you.");
        assertThat(((DigitalOceanException) thrown).status()).isEqualTo(401);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(wrong);
        assertThat(String.join("\n", logged)).doesNotContain(wrong);
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void listingSnapshotsFollowsThePaginationLinkOnTheConfiguredServerNotTheHostItNames() {
        List<Snapshot> snapshots = client(TOKEN).listSnapshots();

        assertThat(snapshots).extracting(Snapshot::id).containsExactly("100000001", "100000002", "100000003",
                "100000004", "100000005", "100000006", "100000007", "100000008");
        List<RecordedRequest> requests = api.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/v2/snapshots");
        assertThat(requests.get(0).getUrl().queryParameter("resource_type")).isEqualTo("droplet");
        assertThat(requests.get(0).getUrl().queryParameter("per_page")).isEqualTo("200");
        // The fixture's next link points at api.digitalocean.com; it must arrive here, with the token.
        assertThat(requests.get(1).getTarget()).isEqualTo("/v2/snapshots?page=2&per_page=200&resource_type=droplet");
        assertThat(requests.get(1).getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        Snapshot multiRegion = snapshots.get(6);
        assertThat(multiRegion.regions()).containsExactly("nyc3", "sfo3");
        assertThat(multiRegion.createdAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(multiRegion.minDiskSize()).isEqualTo(25);
        assertThat(multiRegion.sizeGigabytes()).isEqualTo(2.53);
    }

    @Test
    void privateImagesWithNumericIdsAreListedWithTheirIdsAsText() {
        List<Snapshot> images = client(TOKEN).listPrivateImages();

        assertThat(images).extracting(Snapshot::id).containsExactly("7555620", "7555621");
        assertThat(api.requests().get(0).getTarget()).isEqualTo("/v2/images?private=true&per_page=200");
    }

    @Test
    void getImageReadsOneImageAndAnUnknownIdIsEmpty() {
        DigitalOceanClient client = client(TOKEN);

        assertThat(client.getImage("7555620")).get().extracting(Snapshot::name).isEqualTo("Nifty New Snapshot");
        assertThat(client.getImage("999")).isEmpty();
    }

    @Test
    void deletesUseTheImagesAndSnapshotsEndpoints() {
        DigitalOceanClient client = client(TOKEN);
        client.deleteSnapshot("100000001");
        client.deleteImage("100000002");

        assertThat(api.deletes()).containsExactly("DELETE /v2/snapshots/100000001", "DELETE /v2/images/100000002");
    }

    @Test
    void aRateLimitedRequestWaitsAsRetryAfterSaysThenSucceeds() {
        api.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "7")
                .setHeader("RateLimit-Limit", "5000").setHeader("RateLimit-Remaining", "0")
                .setHeader("RateLimit-Reset", NOW.plusSeconds(3600).getEpochSecond())
                .body(fixture("error-too-many-requests.json")).build());

        assertThat(client(TOKEN).checkToken()).isEqualTo("active");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(api.requests()).hasSize(2);
        assertThat(logged).anyMatch(l -> l.contains("rate limit") && l.contains("7000 ms"));
    }

    @Test
    void withoutRetryAfterARateLimitedRequestWaitsUntilRateLimitReset() {
        api.then(new MockResponse.Builder().code(429).setHeader("RateLimit-Limit", "250")
                .setHeader("RateLimit-Remaining", "0").setHeader("RateLimit-Reset", NOW.plusSeconds(42).getEpochSecond())
                .body(fixture("error-too-many-requests.json")).build());

        assertThat(client(TOKEN).listPrivateImages()).hasSize(2);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void aRateLimitWhoseResetHasPassedBacksOffInsteadOfRetryingAtOnce() {
        for (int i = 0; i < 3; i++) {
            api.then(new MockResponse.Builder().code(429).setHeader("RateLimit-Remaining", "0")
                    .setHeader("RateLimit-Reset", NOW.minusSeconds(90).getEpochSecond())
                    .body(fixture("error-too-many-requests.json")).build());
        }

        assertThat(client(TOKEN).checkToken()).isEqualTo("active");

        assertThat(sleeps).hasSize(3).allMatch(d -> d.compareTo(Duration.ofMillis(500)) >= 0);
        assertThat(sleeps.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(logged).anyMatch(l -> l.contains("(backoff: its RateLimit-Reset time has passed)"));
    }

    @Test
    void aRateLimitWithoutHeadersBacksOffExponentiallyNotByAConstantSecond() {
        for (int i = 0; i < 3; i++) {
            api.then(json(429, fixture("error-too-many-requests.json")));
        }

        assertThat(client(TOKEN).checkToken()).isEqualTo("active");

        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(sleeps.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(logged).anyMatch(l -> l.contains("(backoff: no rate-limit header)"));
    }

    @Test
    void aCancelEndsALongRateLimitWaitWithinASecond() throws Exception {
        api.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "240")
                .body(fixture("error-too-many-requests.json")).build());
        Cancellation cancellation = new Cancellation();
        DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(server.url("/").toString())
                .token(TOKEN, "do-token").cancellation(cancellation).log(new BuildLog(logged::add, new SecretMasker()))
                .build();

        CancelDuringWait ended = CancelDuringWait.run(client::checkToken, cancellation,
                () -> logged.stream().anyMatch(l -> l.contains("waiting 240000 ms")));

        assertThat(ended.thrown()).isInstanceOf(DigitalOceanException.class)
                .hasMessage("Cancelled: DigitalOcean GET /v2/account was stopped before it completed");
        assertThat(ended.afterCancel()).isLessThan(Duration.ofSeconds(1));
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void aCancelStopsAListingBetweenPagesAndDuringOne() throws Exception {
        api.then(json(200, fixture("snapshots-page1.json")))
                .then(json(200, fixture("snapshots-page2.json")).newBuilder().headersDelay(30, TimeUnit.SECONDS).build());
        Cancellation cancellation = new Cancellation();
        DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(server.url("/").toString())
                .token(TOKEN, "do-token").cancellation(cancellation).build();

        CancelDuringWait ended = CancelDuringWait.run(client::listSnapshots, cancellation, () -> api.requests().size() >= 2);

        assertThat(ended.thrown()).isInstanceOf(DigitalOceanException.class)
                .hasMessageStartingWith("Cancelled: DigitalOcean GET /v2/snapshots");
        assertThat(ended.afterCancel()).isLessThan(Duration.ofSeconds(1));
        assertThat(catchThrowable(client::listSnapshots)).hasMessageStartingWith("Cancelled");
        assertThat(api.requests()).as("a cancelled client sends nothing more").hasSize(2);
    }

    @Test
    void aRateLimitThatResetsLaterThanTheRunWaitsFailsAtOnceSayingWhen() {
        api.then(new MockResponse.Builder().code(429).setHeader("RateLimit-Reset", NOW.plusSeconds(3000).getEpochSecond())
                .body(fixture("error-too-many-requests.json")).build());

        assertThatThrownBy(() -> client(TOKEN).checkToken())
                .isInstanceOf(DigitalOceanException.class)
                .hasMessageContaining("resets in 3000s");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retryAfterGivenAsAnHttpDateIsMeasuredAgainstTheClock() {
        api.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "Tue, 24 Nov 2026 16:00:30 GMT")
                .body(fixture("error-too-many-requests.json")).build());

        client(TOKEN).checkToken();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRateLimitThatKeepsRefusingGivesUpAfterTheRetryLimit() {
        for (int i = 0; i < 6; i++) {
            api.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                    .body(fixture("error-too-many-requests.json")).build());
        }

        assertThatThrownBy(() -> client(TOKEN).checkToken())
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("DigitalOcean's rate limit stopped GET /v2/account 6 times in a row "
                        + "(HTTP 429 too_many_requests: API Rate limit exceeded.); try again later");
        assertThat(sleeps).hasSize(5);
    }

    @Test
    void anUnreachableServerIsRetriedThenReportedWithTheAddressTried() throws Exception {
        String url = server.url("/").toString();
        server.close();
        DigitalOceanClient client = DigitalOceanClient.builder().baseUrl(url).token(TOKEN, "do-token")
                .sleeper(sleeps::add).maxRetries(2).build();

        assertThatThrownBy(client::checkToken)
                .isInstanceOf(DigitalOceanException.class)
                .hasMessageStartingWith("Could not reach DigitalOcean for GET /v2/account at " + url + " after 3 attempts");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffThenFailClearly() {
        for (int i = 0; i < 4; i++) {
            api.then(json(503, fixture("error-server.json")));
        }

        assertThatThrownBy(() -> client(TOKEN).listSnapshots())
                .isInstanceOf(DigitalOceanException.class)
                .hasMessageStartingWith("DigitalOcean failed GET /v2/snapshots 4 times")
                .hasMessageContaining("HTTP 503 server_error: Unexpected server-side error")
                .hasMessageNotContaining(TOKEN);
        assertThat(api.requests()).hasSize(4);
        // Exponential with jitter: each wait between half and all of 1, 2 and 4 seconds.
        assertThat(sleeps).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(sleeps.get(i)).isBetween(Duration.ofMillis(500L << i), Duration.ofSeconds(1L << i));
        }
    }

    @Test
    void aServerErrorFollowedBySuccessIsRetriedOnce() {
        api.then(json(500, fixture("error-server.json")));

        assertThat(client(TOKEN).listPrivateImages()).hasSize(2);
        assertThat(sleeps).hasSize(1).allMatch(d -> d.compareTo(Duration.ofMillis(500)) >= 0
                && d.compareTo(Duration.ofSeconds(1)) <= 0);
    }

    @Test
    void otherRefusalsReportDigitalOceansErrorIdAndMessageWithoutRetrying() {
        api.refuseToDelete("100000004");

        assertThatThrownBy(() -> client(TOKEN).deleteSnapshot("100000004"))
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("DigitalOcean refused DELETE /v2/snapshots/100000004: HTTP 403 forbidden: "
                        + "You do not have access for the attempted action.");
        assertThat(api.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aDeleteThatFailedWithA5xxAndThenFindsNothingCountsAsDone() {
        api.then(json(502, fixture("error-server.json"))).then(json(404, fixture("error-not-found.json")));

        client(TOKEN).deleteSnapshot("100000001");

        assertThat(api.deletes()).hasSize(2);
        assertThat(logged).anyMatch(l -> l.contains("answered 404 after a retry"));
    }

    @Test
    void aDeleteOfAnUnknownIdOnTheFirstTryIsReportedAsNotFound() {
        assertThatThrownBy(() -> client(TOKEN).deleteSnapshot("42"))
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("DigitalOcean refused DELETE /v2/snapshots/42: HTTP 404 not_found: "
                        + "The resource you were accessing could not be found.");
    }

    @Test
    void aSuccessfulResponseThatIsNotJsonFailsAtOnceAskingWhetherTheUrlIsRight() {
        api.then(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html><body>Corporate proxy login</body></html>").build());

        assertThatThrownBy(() -> client(TOKEN).checkToken())
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("DigitalOcean answered GET /v2/account with a body that is not JSON "
                        + "(<html><body>Corporate proxy login</body></html>); is --api-url the DigitalOcean API?");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void anErrorBodyIsMaskedBeforeItIsCutSoNoStartOfTheTokenShows() {
        // A proxy's error page that echoes the request, the token across the excerpt's end.
        api.then(new MockResponse.Builder().code(403).body("x".repeat(DigitalOceanClient.EXCERPT - 12) + TOKEN).build());

        Throwable thrown = catchThrowable(() -> client(TOKEN).checkToken());

        assertThat(thrown).hasMessageStartingWith("DigitalOcean refused GET /v2/account: HTTP 403: xxx")
                .hasMessageNotContaining(TOKEN.substring(0, 7));
    }

    @Test
    void aNonJsonAnswerIsQuotedMaskedBeforeItIsCut() {
        api.then(new MockResponse.Builder().code(200).body("<html>" + "y".repeat(DigitalOceanClient.EXCERPT - 16) + TOKEN + "</html>").build());

        Throwable thrown = catchThrowable(() -> client(TOKEN).checkToken());

        assertThat(thrown).hasMessageContaining("<html>yyy").hasMessageContaining("****")
                .hasMessageNotContaining(TOKEN.substring(0, 7));
    }

    @Test
    void paginationLinksThatGoRoundInACircleStopAfterThreeRequestsSayingWhy() {
        api.paginateInACircle();

        assertThatThrownBy(() -> client(TOKEN).listSnapshots())
                .isInstanceOf(DigitalOceanException.class)
                .hasMessage("Stopped reading DigitalOcean's snapshots after 3 request(s): it still names a next page "
                        + "after 3 pages of up to 4 items, though it says it holds 8 (is --api-url pointing at the "
                        + "DigitalOcean API?)");
        assertThat(api.requests()).hasSize(3);
    }

    @Test
    void aSnapshotListedTwiceBecauseThePagesShiftedIsCountedOnce() {
        api.shiftPages();

        List<Snapshot> snapshots = client(TOKEN).listSnapshots();

        assertThat(snapshots).extracting(Snapshot::id).containsExactly("100000001", "100000002", "100000003",
                "100000004", "100000005", "100000006", "100000007", "100000008");
        assertThat(logged).anyMatch(l -> l.contains("snapshots 100000004 twice"));
    }

    @Test
    void resolvingANameSharedBySnapshotsReturnsTheNewestNotTheFirstListed() {
        List<Snapshot> listed = client(TOKEN).listSnapshots();
        // The trap: DigitalOcean lists the older snapshot of that name first.
        Snapshot firstListed = listed.stream().filter(s -> s.name().equals("web-v1.4.0")).findFirst().orElseThrow();
        assertThat(firstListed.id()).isEqualTo("100000006");

        Snapshot resolved = client(TOKEN).resolveByName("web-v1.4.0").orElseThrow();

        assertThat(resolved.id()).isEqualTo("100000007");
        assertThat(resolved.artifactId()).isEqualTo("nyc3,sfo3:100000007");
        assertThat(client(TOKEN).resolveByName("web-v9.9.9")).isEmpty();
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsAUsageErrorNamingTheField() {
        assertThatThrownBy(() -> DigitalOceanClient.builder().baseUrl("api.digitalocean.com").token(TOKEN, "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseUrl: 'api.digitalocean.com' is not an http(s) URL");
    }
}
