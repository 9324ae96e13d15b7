package io.jenkins.plugins.immutabledeploy.engine.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The GitHub payload fixtures, and real-shaped variations of them. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /github/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published-release delivery, as a tree to vary. */
    static ObjectNode delivery() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(bytes("release-published.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's release object with another id, tag and flags, as the releases API lists it. */
    static ObjectNode release(long id, String tag, boolean prerelease, boolean draft) {
        ObjectNode r = ((ObjectNode) delivery().get("release")).deepCopy();
        r.put("id", id);
        r.put("tag_name", tag);
        r.put("name", "Hello World " + tag);
        r.put("html_url", "https://github.com/octocat/Hello-World/releases/tag/" + tag);
        r.put("prerelease", prerelease);
        r.put("draft", draft);
        return r;
    }

    /** A releases listing page of published, final releases with these ids and tags (pairs: id, tag). */
    static String listing(Object... idsAndTags) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int i = 0; i < idsAndTags.length; i += 2) {
            a.add(release(((Number) idsAndTags[i]).longValue(), (String) idsAndTags[i + 1], false, false));
        }
        return Json.write(a);
    }
}
