package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A DigitalOcean API stand-in for MockWebServer: serves the fixture bodies under
 * {@code src/test/resources/digitalocean/} (shaped like the published API examples), checks the
 * bearer token, deletes snapshots it knows, and records every request. Scripted responses, when
 * queued, are served first (for 429 and 5xx scenarios).
 */
public final class FakeDigitalOcean extends Dispatcher {
    /** A token shaped like a real personal access token; tests assert it never shows. */
    public static final String TOKEN = "dop_v1_3f9a1c7e5b2d4068a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5";

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> refuseDelete = ConcurrentHashMap.newKeySet();
    private volatile boolean circularPages;
    private volatile boolean shiftedPages;

    /**
     * Queues a response to serve before the normal routes.
     *
     * @param response the response
     * @return this fake
     */
    public synchronized FakeDigitalOcean then(MockResponse response) {
        scripted.add(response);
        return this;
    }

    /**
     * Makes deleting this snapshot fail with 403 forbidden.
     *
     * @param id the snapshot id
     * @return this fake
     */
    public FakeDigitalOcean refuseToDelete(String id) {
        refuseDelete.add(id);
        return this;
    }

    /**
     * Makes the second page of snapshots name the first as its next page, as a broken proxy or
     * cache might: a client that follows links blindly never stops.
     *
     * @return this fake
     */
    public FakeDigitalOcean paginateInACircle() {
        circularPages = true;
        return this;
    }

    /**
     * Makes the second page of snapshots start with the first page's last snapshot, as offset
     * paging does when a snapshot is made while the pages are read.
     *
     * @return this fake
     */
    public FakeDigitalOcean shiftPages() {
        shiftedPages = true;
        return this;
    }

    /** @return every request received, in order */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return the DELETE requests received, as {@code DELETE /v2/...} lines */
    public List<String> deletes() {
        return requests.stream().filter(r -> "DELETE".equals(r.getMethod()))
                .map(r -> r.getMethod() + " " + r.getUrl().encodedPath()).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        synchronized (this) {
            if (!scripted.isEmpty()) {
                return scripted.poll();
            }
        }
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return json(401, fixture("error-unauthorized.json"));
        }
        String method = request.getMethod();
        String path = request.getUrl().encodedPath();
        if ("GET".equals(method) && path.equals("/v2/account")) {
            return json(200, fixture("account.json"));
        }
        if ("GET".equals(method) && path.equals("/v2/snapshots")) {
            String page = request.getUrl().queryParameter("page");
            return json(200, "2".equals(page) ? secondPage() : fixture("snapshots-page1.json"));
        }
        if ("GET".equals(method) && path.equals("/v2/images")) {
            return json(200, fixture("images-private.json"));
        }
        if ("GET".equals(method) && path.equals("/v2/images/7555620")) {
            return json(200, fixture("image.json"));
        }
        if ("DELETE".equals(method) && (path.startsWith("/v2/snapshots/") || path.startsWith("/v2/images/"))) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            if (refuseDelete.contains(id)) {
                return json(403, fixture("error-forbidden.json"));
            }
            if (id.startsWith("10000000") && deleted.add(id)) {
                return new MockResponse.Builder().code(204).build();
            }
        }
        return json(404, fixture("error-not-found.json"));
    }

    private String secondPage() {
        if (!circularPages && !shiftedPages) {
            return fixture("snapshots-page2.json");
        }
        try {
            ObjectNode page = (ObjectNode) Json.MAPPER.readTree(fixture("snapshots-page2.json"));
            if (circularPages) {
                ((ObjectNode) page.path("links").path("pages")).put("next", page.path("links").path("pages").path("prev").asText());
            }
            if (shiftedPages) {
                ArrayNode first = (ArrayNode) Json.MAPPER.readTree(fixture("snapshots-page1.json")).path("snapshots");
                ((ArrayNode) page.path("snapshots")).insert(0, first.get(first.size() - 1));
            }
            return Json.write(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON response.
     *
     * @param code the status
     * @param body the body
     * @return the response
     */
    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body).build();
    }

    /**
     * Reads a fixture body.
     *
     * @param name the file under {@code digitalocean/}
     * @return its text
     */
    public static String fixture(String name) {
        try (InputStream in = FakeDigitalOcean.class.getResourceAsStream("/digitalocean/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture digitalocean/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
