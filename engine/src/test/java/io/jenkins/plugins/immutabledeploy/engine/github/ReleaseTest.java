package io.jenkins.plugins.immutabledeploy.engine.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseTest {
    private final Release release = Release.fromJson(Fixtures.delivery().get("release"), "octocat/Hello-World");

    @Test
    void buildParametersCarryTagNameUrlPrereleaseAndTheAssetsAsJson() throws Exception {
        Map<String, String> p = release.toBuildParameters();
        assertThat(p).containsOnlyKeys("RELEASE_TAG", "RELEASE_NAME", "RELEASE_URL", "RELEASE_PRERELEASE", "RELEASE_ASSETS");
        assertThat(p).containsEntry("RELEASE_TAG", "v1.2.3")
                .containsEntry("RELEASE_NAME", "Hello World 1.2.3")
                .containsEntry("RELEASE_URL", "https://github.com/octocat/Hello-World/releases/tag/v1.2.3")
                .containsEntry("RELEASE_PRERELEASE", "false");
        JsonNode assets = Json.MAPPER.readTree(p.get("RELEASE_ASSETS"));
        assertThat(assets).hasSize(2);
        assertThat(assets.get(0).get("name").asText()).isEqualTo("hello-world-1.2.3.tar.gz");
        assertThat(assets.get(0).get("browser_download_url").asText())
                .isEqualTo("https://github.com/octocat/Hello-World/releases/download/v1.2.3/hello-world-1.2.3.tar.gz");
        assertThat(assets.get(0).get("size").asLong()).isEqualTo(1843204L);
        assertThat(assets.get(1).get("name").asText()).isEqualTo("SHA256SUMS");
    }

    @Test
    void theStartKeyIsTheRepositoryInLowerCaseAndTheReleaseIdOrTheTagWithoutAnId() {
        assertThat(release.startKey()).isEqualTo("octocat/hello-world#182512947");
        Release noId = new Release("OctoCat/Hello-World", 0, "v2.0", null, null, false, false, List.of());
        assertThat(noId.startKey()).isEqualTo("octocat/hello-world#tag:v2.0");
    }

    @Test
    void aReleaseWithoutATitleIsNamedByItsTagAsGitHubShowsIt() {
        ObjectNode untitled = (ObjectNode) Fixtures.delivery().get("release");
        untitled.putNull("name");
        untitled.set("assets", Json.MAPPER.createArrayNode());
        Release r = Release.fromJson(untitled, "octocat/Hello-World");
        assertThat(r.name()).isNull();
        assertThat(r.toBuildParameters()).containsEntry("RELEASE_NAME", "v1.2.3").containsEntry("RELEASE_ASSETS", "[]");
    }

    @Test
    void toMapHoldsOnlyJsonFriendlyValuesAndRoundTripsThroughJson() throws Exception {
        Map<String, Object> m = release.toMap();
        assertThat(m).containsOnlyKeys("repository", "id", "tagName", "name", "htmlUrl", "prerelease", "draft", "assets");
        assertThat(m.get("assets")).isInstanceOf(List.class);
        Map<String, Object> back = Json.MAPPER.readValue(Json.write(m), new TypeReference<Map<String, Object>>() {});
        assertThat(back).containsEntry("tagName", "v1.2.3").containsEntry("id", 182512947)
                .containsEntry("prerelease", false).containsEntry("repository", "octocat/Hello-World");
        assertThat((List<?>) back.get("assets")).hasSize(2).first()
                .isEqualTo(Map.of("name", "hello-world-1.2.3.tar.gz", "browser_download_url",
                        "https://github.com/octocat/Hello-World/releases/download/v1.2.3/hello-world-1.2.3.tar.gz",
                        "size", 1843204));
    }

    @Test
    void aReleaseWithoutATagIsRefusedNamingTheField() {
        ObjectNode noTag = (ObjectNode) Fixtures.delivery().get("release");
        noTag.put("tag_name", "");
        assertThatThrownBy(() -> Release.fromJson(noTag, "octocat/Hello-World"))
                .hasMessage("release.tag_name: missing or empty");
    }

    @Test
    void filterValuesAreCheckedAndTheMessageNamesTheFieldAndShowsAGoodValue() {
        assertThatThrownBy(() -> ReleaseFilter.of("just-a-name", null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repository: 'just-a-name' is not a GitHub repository; write it as OWNER/NAME, "
                        + "for example octocat/Hello-World");
        assertThatThrownBy(() -> ReleaseFilter.of("octocat/Hello-World", "v(\\d+", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tagPattern: 'v(\\d+' is not a valid regular expression (Unclosed group");
        assertThat(ReleaseFilter.of(" ", " ", false).repository()).isNull();
    }
}
