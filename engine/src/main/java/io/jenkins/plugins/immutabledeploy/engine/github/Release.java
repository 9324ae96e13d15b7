package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One GitHub release, reduced to what a build needs.
 *
 * @param repository the repository's {@code owner/name} ({@code repository.full_name})
 * @param id GitHub's numeric release id; it stays the same when a draft is published, so it is
 *     what polling remembers
 * @param tagName the tag ({@code tag_name}), never empty
 * @param name the release title; null when the release has none
 * @param htmlUrl the release page
 * @param prerelease whether it is marked as a pre-release
 * @param draft whether it is an unpublished draft
 * @param assets the uploaded files, in GitHub's order
 */
public record Release(
        String repository,
        long id,
        String tagName,
        String name,
        String htmlUrl,
        boolean prerelease,
        boolean draft,
        List<Asset> assets) {

    /** Build parameter: the tag. */
    public static final String PARAM_TAG = "RELEASE_TAG";
    /** Build parameter: the title (the tag when the release has no title, as GitHub shows it). */
    public static final String PARAM_NAME = "RELEASE_NAME";
    /** Build parameter: the release page. */
    public static final String PARAM_URL = "RELEASE_URL";
    /** Build parameter: {@code true} or {@code false}. */
    public static final String PARAM_PRERELEASE = "RELEASE_PRERELEASE";
    /** Build parameter: the assets as a JSON array of {@code name}, {@code browser_download_url}, {@code size}. */
    public static final String PARAM_ASSETS = "RELEASE_ASSETS";

    /** Checks the required fields and copies the assets so the value is immutable. */
    public Release {
        Objects.requireNonNull(repository, "repository");
        if (tagName == null || tagName.isEmpty()) {
            throw new IllegalArgumentException("tagName: a release needs a tag, got none");
        }
        assets = List.copyOf(assets == null ? List.of() : assets);
    }

    /**
     * One uploaded file of a release.
     *
     * @param name the file name
     * @param browserDownloadUrl where a browser (or curl) downloads it
     * @param size its size in bytes
     */
    public record Asset(String name, String browserDownloadUrl, long size) {
        /**
         * @return {@code name}, {@code browser_download_url} and {@code size}: GitHub's own field
         *     names, so a pipeline reading {@link #PARAM_ASSETS} uses the names GitHub documents
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("browser_download_url", browserDownloadUrl);
            m.put("size", size);
            return m;
        }
    }

    /**
     * Reads a release object as GitHub writes it in the releases API and in {@code release}
     * webhook payloads.
     *
     * @param release the release object
     * @param repository the repository's {@code owner/name} (the release object itself does not name it)
     * @return the release
     * @throws IllegalArgumentException when {@code tag_name} is missing
     */
    public static Release fromJson(JsonNode release, String repository) {
        if (release == null || !release.isObject()) {
            throw new IllegalArgumentException("release: expected a JSON object");
        }
        String tag = text(release, "tag_name");
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("release.tag_name: missing or empty");
        }
        List<Asset> assets = new ArrayList<>();
        for (JsonNode a : release.path("assets")) {
            assets.add(new Asset(text(a, "name"), text(a, "browser_download_url"), a.path("size").asLong(0)));
        }
        return new Release(
                repository,
                release.path("id").asLong(0),
                tag,
                text(release, "name"),
                text(release, "html_url"),
                release.path("prerelease").asBoolean(false),
                release.path("draft").asBoolean(false),
                assets);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * What a job remembers of a release that started it, so that a redelivery, the other trigger
     * (webhook or polling) or a restart does not start it twice: the repository (in lower case, as
     * GitHub compares names) and GitHub's release id, or the tag for a release without an id.
     *
     * @return {@code owner/name#id}, or {@code owner/name#tag:<tag>}
     */
    public String startKey() {
        return repository.toLowerCase(Locale.ROOT) + "#" + (id != 0 ? Long.toString(id) : "tag:" + tagName);
    }

    /** @return the title people see: the name, or the tag when there is no name */
    public String displayName() {
        return name == null || name.isBlank() ? tagName : name;
    }

    /** @return the release as a map of strings, numbers, booleans and lists (the CLI's {@code --json}) */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repository", repository);
        m.put("id", id);
        m.put("tagName", tagName);
        m.put("name", name);
        m.put("htmlUrl", htmlUrl);
        m.put("prerelease", prerelease);
        m.put("draft", draft);
        m.put("assets", assetMaps());
        return m;
    }

    /**
     * The build parameters a triggered build receives, all strings.
     *
     * @return {@link #PARAM_TAG}, {@link #PARAM_NAME}, {@link #PARAM_URL}, {@link #PARAM_PRERELEASE}
     *     and {@link #PARAM_ASSETS}, in that order
     */
    public Map<String, String> toBuildParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PARAM_TAG, tagName);
        p.put(PARAM_NAME, displayName());
        p.put(PARAM_URL, htmlUrl == null ? "" : htmlUrl);
        p.put(PARAM_PRERELEASE, Boolean.toString(prerelease));
        p.put(PARAM_ASSETS, Json.write(assetMaps()));
        return p;
    }

    private List<Object> assetMaps() {
        List<Object> list = new ArrayList<>(assets.size());
        assets.forEach(a -> list.add(a.toMap()));
        return list;
    }
}
