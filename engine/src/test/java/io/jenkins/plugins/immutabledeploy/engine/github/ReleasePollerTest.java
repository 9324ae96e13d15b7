package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.http.Sleeper;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.testing.CancelDuringWait;
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
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ReleasePollerTest {
    private static final String TOKEN = "ghp_R3leas3P0ll3rT0k3nDoNotPrint0123456789";
    private static final String ETAG = "W/\"5c2b6a0f0e2f1e7dbd8a1f3b4f8f2f6b\"";
    private static final ReleaseFilter FINAL_ONLY = ReleaseFilter.of("octocat/Hello-World", null, false);

    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** A clock that only moves when the poller sleeps, so waits are measured, not spent. */
    private final FakeTime time = new FakeTime(Instant.parse("2026-11-24T16:00:00Z"));
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final SecretMasker secrets = new SecretMasker();

    private static final class FakeTime extends Clock implements Sleeper {
        private Instant now;
        private final List<Duration> slept = new CopyOnWriteArrayList<>();

        FakeTime(Instant start) {
            now = start;
        }

        @Override
        public synchronized void sleep(Duration d) {
            slept.add(d);
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private ReleasePoller.Builder poller() {
        return ReleasePoller.builder("octocat/Hello-World")
                .apiUrl(server.url("/").toString())
                .token(TOKEN)
                .log(new BuildLog(logged::add, secrets))
                .time(time, time);
    }

    private static MockResponse ok(String body, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .addHeader("x-ratelimit-limit", "5000")
                .addHeader("x-ratelimit-remaining", "4999")
                .addHeader("x-ratelimit-reset", "1795536000");
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return b.body(body).build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    @Test
    void aNewReleaseTriggersOnceAndOnlyOnceAcrossPolls() throws Exception {
        ReleasePoller p = poller().build();
        server.enqueue(ok(Fixtures.listing(11, "v1.0.1", 10, "v1.0.0"), "ETag", ETAG));
        PollResult first = p.poll(PollState.INITIAL, FINAL_ONLY);
        assertThat(first.newReleases()).as("a first poll takes stock only").isEmpty();
        assertThat(first.state().initialized()).isTrue();
        assertThat(first.state().seenIds()).containsExactly(11L, 10L);
        assertThat(first.state().etag()).isEqualTo(ETAG);
        assertThat(logged).anyMatch(l -> l.contains("first poll, 2 existing release(s) noted"));

        server.enqueue(ok(Fixtures.listing(12, "v1.1.0", 11, "v1.0.1", 10, "v1.0.0"), "ETag", "W/\"second\""));
        PollResult second = p.poll(first.state(), FINAL_ONLY);
        assertThat(second.newReleases()).extracting(Release::tagName).containsExactly("v1.1.0");
        assertThat(second.newReleases().get(0).repository()).isEqualTo("octocat/Hello-World");

        // The same listing again (GitHub sometimes re-issues an ETag): nothing new.
        server.enqueue(ok(Fixtures.listing(12, "v1.1.0", 11, "v1.0.1", 10, "v1.0.0"), "ETag", "W/\"third\""));
        PollResult third = p.poll(second.state(), FINAL_ONLY);
        assertThat(third.newReleases()).isEmpty();
        assertThat(third.state().seenIds()).containsExactly(12L, 11L, 10L);
    }

    @Test
    void theLastEtagGoesOutAsIfNoneMatchAndA304MeansNothingNew() throws Exception {
        ReleasePoller p = poller().build();
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0"), "ETag", ETAG));
        PollState state = p.poll(PollState.INITIAL, FINAL_ONLY).state();
        assertThat(take().getHeaders().get("If-None-Match")).as("no ETag is known yet").isNull();

        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", ETAG)
                .addHeader("x-ratelimit-remaining", "4999").build());
        PollResult r = p.poll(state, FINAL_ONLY);
        assertThat(take().getHeaders().get("If-None-Match")).isEqualTo(ETAG);
        assertThat(r.notModified()).isTrue();
        assertThat(r.newReleases()).isEmpty();
        assertThat(r.state()).isEqualTo(state);
        assertThat(r.requests()).isEqualTo(1);
    }

    @Test
    void requestsCarryTheTokenAsBearerAndGitHubsApiHeaders() throws Exception {
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        poller().build().poll(PollState.INITIAL, FINAL_ONLY);
        RecordedRequest req = take();
        assertThat(req.getMethod()).isEqualTo("GET");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/repos/octocat/Hello-World/releases");
        assertThat(req.getUrl().queryParameter("per_page")).isEqualTo("100");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(req.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(req.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        poller().token(null).build().latest(ReleaseFilter.ANY);
        assertThat(take().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void aGitHubEnterpriseBaseUrlPrefixesTheApiPathWithOrWithoutATrailingSlash() throws Exception {
        for (String base : List.of("/api/v3", "/api/v3/")) {
            server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
            Release r = poller().apiUrl(server.url(base).toString()).build().latest(ReleaseFilter.ANY).orElseThrow();
            assertThat(r.tagName()).isEqualTo("v1.0.0");
            assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v3/repos/octocat/Hello-World/releases");
        }
    }

    @Test
    void anExhaustedRateLimitMakesTheNextRequestWaitUntilTheResetInsteadOfHammering() throws Exception {
        long reset = time.instant().plusSeconds(120).getEpochSecond();
        String next = server.url("/repositories/1296269/releases?per_page=100&page=2").toString();
        server.enqueue(ok(Fixtures.listing(12, "v1.2.0", 11, "v1.1.0"),
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset),
                "Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\""));
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));

        PollResult r = poller().build().poll(PollState.INITIAL, FINAL_ONLY);

        assertThat(time.slept).containsExactly(Duration.ofSeconds(121));
        assertThat(r.state().seenIds()).containsExactly(12L, 11L, 10L);
        assertThat(r.requests()).isEqualTo(2);
        assertThat(logged).anyMatch(l -> l.startsWith("GitHub API rate limit exhausted; waiting 121s until")
                && l.endsWith("(this run waits at most 300s for a reset)"));
    }

    @Test
    void aRateLimitedAnswerWithoutAUsableTimeBacksOffInsteadOfRetryingAtOnce() throws Exception {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("x-ratelimit-remaining", "0")
                .addHeader("x-ratelimit-reset", Long.toString(time.instant().minusSeconds(600).getEpochSecond()))
                .body("{\"message\":\"API rate limit exceeded\"}").build());
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        assertThat(poller().build().latest(ReleaseFilter.ANY)).isPresent();

        server.enqueue(new MockResponse.Builder().code(429).body("{\"message\":\"slow down\"}").build());
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        assertThat(poller().build().latest(ReleaseFilter.ANY)).isPresent();

        assertThat(time.slept).hasSize(2)
                .allMatch(d -> d.compareTo(Duration.ofMillis(500)) >= 0 && d.compareTo(Duration.ofSeconds(1)) <= 0);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aCancelEndsALongRateLimitWaitWithinASecond() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "240")
                .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
        Cancellation cancellation = new Cancellation();
        ReleasePoller p = ReleasePoller.builder("octocat/Hello-World").apiUrl(server.url("/").toString())
                .log(new BuildLog(logged::add, secrets)).cancellation(cancellation).build();

        CancelDuringWait ended = CancelDuringWait.run(() -> p.latest(ReleaseFilter.ANY), cancellation,
                () -> logged.stream().anyMatch(l -> l.startsWith("GitHub API rate limit exhausted; waiting")));

        assertThat(ended.thrown()).isInstanceOf(EngineException.class)
                .hasMessage("Cancelled: reading the GitHub releases of octocat/Hello-World was stopped before it completed");
        assertThat(ended.afterCancel()).isLessThan(Duration.ofSeconds(1));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aResetFurtherAwayThanTheDefaultCapFailsAtOnceSayingWhen() {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("x-ratelimit-remaining", "0")
                .addHeader("x-ratelimit-reset", Long.toString(time.instant().plusSeconds(3600).getEpochSecond()))
                .body("{\"message\":\"API rate limit exceeded\"}").build());
        assertThatThrownBy(() -> poller().build().latest(ReleaseFilter.ANY))
                .hasMessageContaining("is exhausted until 2026-11-24T17:00:01Z, longer than the 300s this poll may wait");
        assertThat(time.slept).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void linkHeadersThatGoRoundInACircleStopTheListingSayingWhy() {
        String page1 = server.url("/repos/octocat/Hello-World/releases?per_page=100&page=1").toString();
        String page2 = server.url("/repos/octocat/Hello-World/releases?per_page=100&page=2").toString();
        for (int i = 0; i < 20; i++) {
            String next = i % 2 == 0 ? page2 : page1;
            server.enqueue(ok(Fixtures.listing(20 - i, "nightly-" + i), "Link", "<" + next + ">; rel=\"next\""));
        }

        assertThatThrownBy(() -> poller().build().latest(ReleaseFilter.of("octocat/Hello-World", "v.*", false)))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("Stopped reading the GitHub releases of octocat/Hello-World after 3 request(s): "
                        + "the next page /repos/octocat/Hello-World/releases?per_page=100&page=2 was read already");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aReleaseListedTwiceBecauseThePagesShiftedIsNewOnlyOnce() throws Exception {
        String page2 = server.url("/repositories/1296269/releases?per_page=100&page=2").toString();
        ReleasePoller p = poller().build();
        // v1.2.0 was published while the pages were read: v1.1.0 moved onto page two as well.
        server.enqueue(ok(Fixtures.listing(12, "v1.2.0", 11, "v1.1.0"), "Link", "<" + page2 + ">; rel=\"next\""));
        server.enqueue(ok(Fixtures.listing(11, "v1.1.0", 10, "v1.0.0")));
        PollResult r = p.poll(new PollState(true, null, List.of(9L)), FINAL_ONLY);

        assertThat(r.newReleases()).extracting(Release::tagName).containsExactly("v1.0.0", "v1.1.0", "v1.2.0");
        assertThat(r.state().seenIds()).containsExactly(12L, 11L, 10L, 9L);
    }

    @Test
    void aLongErrorMessageIsMaskedBeforeItIsCut() {
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"message\":\"" + "z".repeat(190) + TOKEN + "w".repeat(500) + "\"}").build());
        Throwable thrown = catchThrowable(() -> poller().build().latest(ReleaseFilter.ANY));
        assertThat(thrown).hasMessageContaining("zzz****")
                .hasMessageNotContaining(TOKEN.substring(0, 6));
        assertThat(thrown.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void aRateLimited403IsRetriedOnceAfterTheResetAndThePollSucceeds() throws Exception {
        long reset = time.instant().plusSeconds(240).getEpochSecond();
        server.enqueue(new MockResponse.Builder().code(403)
                .addHeader("x-ratelimit-limit", "60").addHeader("x-ratelimit-remaining", "0")
                .addHeader("x-ratelimit-reset", Long.toString(reset))
                .body("{\"message\":\"API rate limit exceeded for 203.0.113.7.\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}")
                .build());
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));

        Release latest = poller().build().latest(FINAL_ONLY).orElseThrow();

        assertThat(latest.tagName()).isEqualTo("v1.0.0");
        assertThat(time.slept).containsExactly(Duration.ofSeconds(241));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSecondaryRateLimitWithRetryAfterIsWaitedOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
                .body("{\"message\":\"You have exceeded a secondary rate limit.\"}").build());
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        assertThat(poller().build().latest(ReleaseFilter.ANY)).isPresent();
        assertThat(time.slept).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRateLimitStillExhaustedAfterTheRetryFailsTheRunWithoutAThirdRequest() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(403).addHeader("x-ratelimit-remaining", "0")
                    .addHeader("x-ratelimit-reset", Long.toString(time.instant().plusSeconds(60).getEpochSecond()))
                    .body("{\"message\":\"API rate limit exceeded\"}").build());
        }
        assertThatThrownBy(() -> poller().build().latest(ReleaseFilter.ANY))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("answered 403")
                .hasMessageContaining("rate limit is still exhausted");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aResetFurtherAwayThanThePollMayWaitFailsAtOnceAndSendsNothingMore() {
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0"), "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", Long.toString(time.instant().plusSeconds(3000).getEpochSecond())));
        ReleasePoller p = poller().maxWait(Duration.ofMinutes(5)).build();
        PollState state = p.poll(PollState.INITIAL, FINAL_ONLY).state();
        assertThatThrownBy(() -> p.poll(state, FINAL_ONLY))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("rate limit for octocat/Hello-World is exhausted until")
                .hasMessageContaining("the next poll tries again");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.slept).isEmpty();
    }

    @Test
    void pagesAreFollowedThroughTheLinkHeaderOnlyUntilASeenReleaseAppears() throws Exception {
        String page2 = server.url("/repositories/1296269/releases?per_page=100&page=2").toString();
        String link = "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\"";
        ReleasePoller p = poller().build();
        server.enqueue(ok(Fixtures.listing(14, "v1.4.0", 13, "v1.3.0"), "Link", link));
        server.enqueue(ok(Fixtures.listing(12, "v1.2.0", 11, "v1.1.0")));
        PollState state = p.poll(PollState.INITIAL, FINAL_ONLY).state();
        assertThat(state.seenIds()).containsExactly(14L, 13L, 12L, 11L);
        take();
        assertThat(take().getUrl().queryParameter("page")).isEqualTo("2");

        // Page one now reaches a release already seen: page two is not read.
        server.enqueue(ok(Fixtures.listing(16, "v1.6.0", 15, "v1.5.0", 14, "v1.4.0"), "Link", link));
        PollResult r = p.poll(state, FINAL_ONLY);
        assertThat(r.requests()).isEqualTo(1);
        assertThat(r.newReleases()).extracting(Release::tagName).as("oldest first").containsExactly("v1.5.0", "v1.6.0");
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedSoTheTokenStaysWithGitHub() {
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0"), "Link",
                "<https://evil.example.com/repos/octocat/Hello-World/releases?page=2>; rel=\"next\""));
        assertThatThrownBy(() -> poller().build().poll(PollState.INITIAL, FINAL_ONLY))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("the next page is on https://evil.example.com:443")
                .hasMessageContaining("not following it");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void draftsAreNeitherTriggeredNorRememberedSoTheyTriggerWhenPublished() throws Exception {
        ReleasePoller p = poller().build();
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        PollState state = p.poll(PollState.INITIAL, FINAL_ONLY).state();

        server.enqueue(ok(Json.write(List.of(Fixtures.release(11, "v1.1.0", false, true), Fixtures.release(10, "v1.0.0", false, false)))));
        PollResult withDraft = p.poll(state, FINAL_ONLY);
        assertThat(withDraft.newReleases()).isEmpty();
        assertThat(withDraft.state().seen(11)).isFalse();

        server.enqueue(ok(Json.write(List.of(Fixtures.release(11, "v1.1.0", false, false), Fixtures.release(10, "v1.0.0", false, false)))));
        assertThat(p.poll(withDraft.state(), FINAL_ONLY).newReleases()).extracting(Release::id).containsExactly(11L);
    }

    @Test
    void preReleasesAndTagsOutsideThePatternAreSkippedByTheSameFilterAsTheWebhook() throws Exception {
        ReleasePoller p = poller().build();
        server.enqueue(ok(Fixtures.listing(10, "v1.0.0")));
        PollState state = p.poll(PollState.INITIAL, FINAL_ONLY).state();
        server.enqueue(ok(Json.write(List.of(
                Fixtures.release(13, "v1.2.0", false, false),
                Fixtures.release(12, "nightly-2026-11-24", false, false),
                Fixtures.release(11, "v1.2.0-rc1", true, false),
                Fixtures.release(10, "v1.0.0", false, false)))));
        PollResult r = p.poll(state, ReleaseFilter.of("octocat/Hello-World", "v.*", false));
        assertThat(r.newReleases()).extracting(Release::tagName).containsExactly("v1.2.0");
    }

    @Test
    void latestSkipsDraftsAndPreReleasesUnlessPreReleasesAreIncluded() {
        String body = Json.write(List.of(
                Fixtures.release(13, "v2.0.0", false, true),
                Fixtures.release(12, "v2.0.0-rc1", true, false),
                Fixtures.release(11, "v1.9.0", false, false)));
        server.enqueue(ok(body));
        server.enqueue(ok(body));
        assertThat(poller().build().latest(FINAL_ONLY)).get().extracting(Release::tagName).isEqualTo("v1.9.0");
        assertThat(poller().build().latest(ReleaseFilter.ANY)).get().extracting(Release::tagName).isEqualTo("v2.0.0-rc1");
    }

    @Test
    void aRefusedTokenFailsWithGitHubsMessageAndTheTokenMaskedEverywhere() {
        // A body that echoes the token, as a misbehaving proxy might: it must still not be printed.
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"message\":\"Bad credentials for " + TOKEN + "\",\"documentation_url\":\"https://docs.github.com/rest\"}")
                .build());
        assertThatThrownBy(() -> poller().build().latest(ReleaseFilter.ANY))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("GitHub API answered 401 for the releases of octocat/Hello-World (Bad credentials for ****)")
                .hasMessageContaining("the API token was refused")
                .hasMessageNotContaining(TOKEN);
        assertThat(logged).noneMatch(l -> l.contains(TOKEN));
        assertThat(secrets.containsSecret(TOKEN)).as("the poller registered its token for masking").isTrue();
    }

    @Test
    void anUnknownRepositorySaysWhetherATokenWasConfigured() {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build());
        assertThatThrownBy(() -> poller().token(null).build().latest(ReleaseFilter.ANY))
                .hasMessageEndingWith("no such repository, or it is private and no API token is configured");
    }

    @Test
    void anUnreachableApiIsAnEngineExceptionNamingTheHost() {
        int port = server.getPort();
        server.close();
        assertThatThrownBy(() -> ReleasePoller.builder("octocat/Hello-World")
                        .apiUrl("http://127.0.0.1:" + port + "/api/v3").time(time, time).build().latest(ReleaseFilter.ANY))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("GitHub API 127.0.0.1 could not be reached");
    }

    @Test
    void badRepositoryAndApiUrlValuesNameTheirField() {
        assertThatThrownBy(() -> ReleasePoller.builder("octocat"))
                .hasMessageStartingWith("repository: 'octocat' is not a GitHub repository");
        assertThatThrownBy(() -> ReleasePoller.builder("octocat/Hello-World").apiUrl("ghe.example.com/api/v3"))
                .hasMessageStartingWith("apiUrl: 'ghe.example.com/api/v3' is not an http(s) URL");
    }

    @Test
    void thePollStateSurvivesItsOneLineEncodingWithAQuotedWeakEtag() {
        PollState s = new PollState(true, "W/\"a;b\"", List.of(14L, 13L, 12L));
        assertThat(PollState.decode(s.encode())).isEqualTo(s);
        assertThat(PollState.decode(PollState.INITIAL.encode())).isEqualTo(PollState.INITIAL);
        assertThat(PollState.decode(null)).isEqualTo(PollState.INITIAL);
        assertThatThrownBy(() -> PollState.decode("v1;true;x;1,two"))
                .hasMessage("poll state: release ids '1,two' are not numbers");
        List<Long> many = new java.util.ArrayList<>();
        for (long i = 1000; i > 0; i--) {
            many.add(i);
        }
        assertThat(new PollState(true, null, many).seenIds()).hasSize(PollState.MAX_SEEN).startsWith(1000L);
    }
}
