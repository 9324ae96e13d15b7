package io.jenkins.plugins.immutabledeploy.engine.http;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/**
 * Keeps one paginated listing from running away: a server (or a proxy, or a test double) whose
 * {@code next} links go round in a circle would otherwise be followed until the quota is gone.
 * One guard per listing; not thread-safe.
 *
 * <p>It checks each next-page link before it is followed:
 * <ul>
 *   <li>same origin: the token goes with every page, so a link to another scheme, host or port is
 *       either refused or rebased onto the configured API ({@link Foreign});</li>
 *   <li>a page already read (the same path and query parameters, in any order) is not read again;</li>
 *   <li>when the API states its total ({@code meta.total}): no more distinct items than that total
 *       (the largest one seen, as items may be added while the listing runs), and no more pages than
 *       that total needs at the first page's size, plus one for items added while listing;</li>
 *   <li>an empty page that names a next page ends the listing;</li>
 *   <li>never more than {@code maxPages} pages.</li>
 * </ul>
 * A broken rule throws {@link Stopped}, saying why and after how many requests.
 */
public final class PageGuard {
    /** What to do with a next-page link on another origin than the configured API. */
    public enum Foreign {
        /** Refuse it: the listing stops with {@link Stopped}. */
        REFUSE,
        /**
         * Follow its path and query on the configured API: for APIs that write absolute links to
         * their public host even when reached through a proxy or a test server.
         */
        REBASE
    }

    /** The listing had to stop before its end. The message says why. */
    public static final class Stopped extends EngineException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message);
        }
    }

    private final HttpUrl api;
    private final String what;
    private final int maxPages;
    private final Foreign foreign;
    private final Set<String> read = new HashSet<>();
    private int requests;
    private int firstPageSize = -1;
    private long maxTotal = -1;

    /**
     * @param api the configured API base URL: the origin every page must be on
     * @param what what is listed, for messages, e.g. {@code DigitalOcean snapshots}
     * @param maxPages the most pages ever read, at least 1
     * @param foreign what to do with a link to another origin
     */
    public PageGuard(HttpUrl api, String what, int maxPages, Foreign foreign) {
        this.api = Objects.requireNonNull(api, "api");
        this.what = Objects.requireNonNull(what, "what");
        this.foreign = Objects.requireNonNull(foreign, "foreign");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages: must be at least 1, was " + maxPages);
        }
        this.maxPages = maxPages;
    }

    /**
     * Notes a page about to be requested.
     *
     * @param page its URL
     * @throws Stopped when the page was read already, or the page limit is reached
     */
    public void request(HttpUrl page) {
        if (!read.add(key(page))) {
            throw stop("the next page " + page.encodedPath() + (page.encodedQuery() == null ? "" : "?" + page.encodedQuery())
                    + " was read already (the pagination links go round in a circle)");
        }
        if (requests >= maxPages) {
            throw stop("it still names a next page after " + maxPages + " pages");
        }
        requests++;
    }

    /**
     * Checks what a page said before its next page is requested.
     *
     * @param link the page's next-page link (absolute or relative), or null/blank when it is the last
     * @param itemsOnPage how many items the page held
     * @param distinctSoFar how many distinct items (by id) the listing has read so far
     * @param total the total the API stated on this page, or -1 when it states none
     * @return the next page's URL on the configured API, or null when the listing is complete
     * @throws Stopped when a rule above is broken
     */
    public HttpUrl next(String link, int itemsOnPage, long distinctSoFar, long total) {
        if (firstPageSize < 0) {
            firstPageSize = itemsOnPage;
        }
        maxTotal = Math.max(maxTotal, total);
        if (maxTotal >= 0 && distinctSoFar > maxTotal) {
            throw stop("it sent " + distinctSoFar + " distinct items, more than the " + maxTotal + " it says it holds");
        }
        if (link == null || link.isBlank()) {
            return null;
        }
        if (itemsOnPage == 0) {
            throw stop("page " + requests + " is empty but names a next page");
        }
        if (maxTotal >= 0 && firstPageSize > 0 && requests >= (maxTotal + firstPageSize - 1) / firstPageSize + 1) {
            throw stop("it still names a next page after " + requests + " pages of up to " + firstPageSize
                    + " items, though it says it holds " + maxTotal);
        }
        return onApi(link.trim());
    }

    /** @return the number of pages requested so far */
    public int requests() {
        return requests;
    }

    private HttpUrl onApi(String link) {
        HttpUrl parsed = HttpUrl.parse(link);
        if (parsed == null) {
            parsed = api.resolve(link);
        }
        if (parsed == null) {
            throw stop("the next-page link '" + link + "' is not a URL");
        }
        if (parsed.scheme().equals(api.scheme()) && parsed.host().equals(api.host()) && parsed.port() == api.port()) {
            return parsed;
        }
        if (foreign == Foreign.REFUSE) {
            throw stop("the next page is on " + origin(parsed) + ", not on the configured API " + origin(api)
                    + "; not following it, so the token stays with the API");
        }
        // The path goes under the configured base path (a proxy may serve the API below one).
        String basePath = api.encodedPath().endsWith("/") ? api.encodedPath() : api.encodedPath() + "/";
        String path = parsed.encodedPath().startsWith(basePath) ? parsed.encodedPath()
                : basePath + parsed.encodedPath().substring(1);
        return api.newBuilder().encodedPath(path).encodedQuery(parsed.encodedQuery()).fragment(null).build();
    }

    private static String origin(HttpUrl u) {
        return u.scheme() + "://" + u.host() + ":" + u.port();
    }

    /** The same page whatever the order of its query parameters. */
    private static String key(HttpUrl u) {
        TreeMap<String, String> query = new TreeMap<>();
        for (int i = 0; i < u.querySize(); i++) {
            query.merge(u.queryParameterName(i), String.valueOf(u.queryParameterValue(i)), (a, b) -> a + "," + b);
        }
        return origin(u) + u.encodedPath() + "?" + query;
    }

    private Stopped stop(String why) {
        return new Stopped("Stopped reading " + what + " after " + requests + " request(s): " + why);
    }
}
