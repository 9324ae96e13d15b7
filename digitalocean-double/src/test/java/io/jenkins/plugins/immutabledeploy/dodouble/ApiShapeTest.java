package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every DigitalOcean answer has: the token check, the error shape, RateLimit headers, pagination, faults. */
class ApiShapeTest extends DoubleTest {
    @Test
    void aRequestWithoutTheTokenIsRefusedInDigitalOceansErrorShape() {
        Http.Answer a = new Http(cloud.apiUrl(), null).get("/v2/account");
        Http.Answer wrong = new Http(cloud.apiUrl(), "dop_v1_wrong").get("/v2/account");

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.body().path("id").asText()).isEqualTo("Unauthorized");
        assertThat(a.body().path("message").asText()).isEqualTo("Unable to authenticate you");
        assertThat(a.body().path("request_id").asText()).isNotEmpty();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(api.get("/v2/account").body().path("account").path("status").asText()).isEqualTo("active");
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        Http.Answer first = api.get("/v2/account");
        Http.Answer second = api.get("/v2/regions");

        assertThat(first.header("RateLimit-Limit")).isEqualTo("5000");
        assertThat(Integer.parseInt(second.header("RateLimit-Remaining")))
                .isEqualTo(Integer.parseInt(first.header("RateLimit-Remaining")) - 1);
        assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(first.header("X-Request-Id")).isNotEmpty();
    }

    @Test
    void unknownResourcesAndMethodsAreRefusedWithTheirStatus() {
        Http.Answer missing = api.get("/v2/droplets/12345");
        Http.Answer nowhere = api.get("/v2/no-such-thing");
        Http.Answer method = api.delete("/v2/account");
        Http.Answer badJson = api.post("/v2/droplets", "{not json");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("id").asText()).isEqualTo("not_found");
        assertThat(missing.body().path("message").asText()).isEqualTo("The resource you were accessing could not be found.");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(method.status()).isEqualTo(405);
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body().path("id").asText()).isEqualTo("bad_request");
    }

    @Test
    void listsArePagedWithAbsoluteLinksThatKeepTheQueryAndATotal() {
        for (int i = 1; i <= 5; i++) {
            cloud.seedSnapshot("app-v0." + i, null, Instant.parse("2026-01-0" + i + "T00:00:00Z"), "ams3");
        }

        JsonNode p1 = api.get("/v2/snapshots?resource_type=droplet&per_page=2").body();
        JsonNode p3 = api.get("/v2/snapshots?resource_type=droplet&per_page=2&page=3").body();

        assertThat(p1.path("snapshots")).hasSize(2);
        assertThat(p1.path("meta").path("total").asInt()).isEqualTo(5);
        assertThat(p1.path("links").path("pages").path("next").asText())
                .isEqualTo(cloud.apiUrl() + "/v2/snapshots?resource_type=droplet&per_page=2&page=2");
        assertThat(p1.path("links").path("pages").path("last").asText()).contains("page=3");
        assertThat(p1.path("links").path("pages").has("prev")).isFalse();
        assertThat(p3.path("snapshots")).hasSize(1);
        assertThat(p3.path("links").path("pages").has("next")).isFalse();
        assertThat(p3.path("links").path("pages").path("prev").asText()).contains("page=2");
        assertThat(p3.path("links").path("pages").path("first").asText()).contains("page=1");
        List<String> names = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            api.get("/v2/snapshots?per_page=2&page=" + page).body().path("snapshots")
                    .forEach(s -> names.add(s.path("name").asText()));
        }
        assertThat(names).containsExactly("app-v0.1", "app-v0.2", "app-v0.3", "app-v0.4", "app-v0.5");
    }

    @Test
    void aSinglePageHasNoPageLinks() {
        JsonNode regions = api.get("/v2/regions?per_page=200").body();

        assertThat(regions.path("regions").size()).isGreaterThan(5);
        assertThat(regions.path("links").has("pages")).isFalse();
        assertThat(regions.path("regions").get(0).path("slug").asText()).isEqualTo("ams3");
    }

    @Test
    void anInjectedRateLimitRefusesOneRequestWithTheHeadersOfASpentQuota() {
        cloud.refuseNext("GET", "/v2/account", 429);

        Http.Answer limited = api.get("/v2/account");
        Http.Answer after = api.get("/v2/account");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("id").asText()).isEqualTo("too_many_requests");
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(limited.header("RateLimit-Reset"))).isLessThanOrEqualTo(Instant.now().getEpochSecond() + 1);
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void anInjectedServerErrorHitsOnlyTheRequestThatMatches() {
        cloud.refuseNext("GET", "/v2/droplets/\\d+", 503);

        assertThat(api.get("/v2/account").status()).isEqualTo(200);
        Http.Answer failed = api.get("/v2/droplets/1");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().path("id").asText()).isEqualTo("server_error");
        assertThat(api.get("/v2/droplets/1").status()).isEqualTo(404);
    }

    @Test
    void theRequestLogCountsRequestsByPhaseAndNeverHoldsTheToken() throws Exception {
        cloud.phase("first");
        api.get("/v2/account");
        api.get("/v2/regions");
        cloud.phase("second");
        api.get("/v2/no-such-thing");

        assertThat(cloud.requests().countsByPhase()).containsExactly(java.util.Map.entry("first", 2),
                java.util.Map.entry("second", 1));
        assertThat(cloud.requests().entries("second").get(0).status()).isEqualTo(404);
        assertThat(cloud.requests().entries("first")).extracting(RequestLog.Entry::line)
                .containsExactly("GET /v2/account", "GET /v2/regions");
        String file = java.nio.file.Files.readString(state.resolve("requests.jsonl"));
        assertThat(file.lines()).hasSize(3);
        assertThat(file).doesNotContain(TOKEN);
        JsonNode overHttp = new Http(cloud.apiUrl(), null).get("/_double/requests").body();
        assertThat(overHttp.path("counts_by_phase").path("first").asInt()).isEqualTo(2);
    }

    @Test
    void scriptsControlTheDoubleOverHttp() {
        Http admin = new Http(cloud.apiUrl(), null);

        assertThat(admin.post("/_double/faults", "{\"refuse\":{\"method\":\"GET\",\"path\":\"/v2/account\",\"status\":500}}")
                .status()).isEqualTo(204);
        assertThat(api.get("/v2/account").status()).isEqualTo(500);
        assertThat(admin.post("/_double/snapshots", "{\"name\":\"app-v0.9.0\",\"release\":\"v0.9.0\"}").body()
                .path("snapshot").path("id").isTextual()).isTrue();
        assertThat(admin.put("/_double/releases/v0.9.0", "{\"broken\":true}").status()).isEqualTo(204);
        JsonNode state = admin.get("/_double/state").body();
        assertThat(state.path("broken_releases").toString()).contains("v0.9.0");
        assertThat(admin.post("/_double/faults", "{\"in_progress\":{\"target\":\"nonsense\"}}").status()).isEqualTo(422);
    }
}
