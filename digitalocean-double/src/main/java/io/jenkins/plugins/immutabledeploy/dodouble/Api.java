package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side: DigitalOcean's {@code /v2} routes (bearer token, error shape, pagination,
 * RateLimit headers, injected refusals) and the double's own {@code /_double} routes for scripts.
 */
final class Api implements HttpHandler {
    /** RateLimit-Limit: DigitalOcean's hourly quota per token. */
    static final int HOURLY_LIMIT = 5000;

    /** One parsed request. */
    record Req(String method, String path, Map<String, String> query, JsonNode body, Matcher match) {
        String p(int group) {
            return match.group(group);
        }

        long id(int group) {
            return Long.parseLong(match.group(group));
        }

        String q(String name) {
            String v = query.get(name);
            return v == null || v.isEmpty() ? null : v;
        }
    }

    /** An answer: a status and a JSON body (none for 204). */
    record Res(int status, JsonNode body) {}

    private record Route(String method, Pattern path, Function<Req, Res> handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final LocalDigitalOcean owner;
    private final Cloud cloud;
    private final RequestLog log;
    private String baseUrl = "";
    private long windowStart = Instant.now().getEpochSecond();
    private int usedInWindow;

    Api(LocalDigitalOcean owner, Cloud cloud, RequestLog log) {
        this.owner = owner;
        this.cloud = cloud;
        this.log = log;
        v2();
        admin();
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    private void route(String method, String regex, Function<Req, Res> handler) {
        routes.add(new Route(method, Pattern.compile(regex), handler));
    }

    private static Res ok(JsonNode body) {
        return new Res(200, body);
    }

    private static Res status(int status, JsonNode body) {
        return new Res(status, body);
    }

    private static Res noContent() {
        return new Res(204, null);
    }

    // ------------------------------------------------------------------------------------ /v2

    private void v2() {
        route("GET", "/v2/account", r -> ok(cloud.account()));
        route("GET", "/v2/regions", r -> ok(page(r, "regions", cloud.regions())));
        route("GET", "/v2/sizes", r -> ok(page(r, "sizes", Cloud.SIZES.stream().map(s -> (JsonNode) Cloud.size(s)).toList())));

        route("GET", "/v2/account/keys", r -> ok(page(r, "ssh_keys",
                list(() -> cloud.keys.values().stream().map(k -> (JsonNode) Cloud.json(k)).toList()))));
        route("POST", "/v2/account/keys", r -> status(201, Json.root("ssh_key", Cloud.json(cloud.createKey(r.body())))));
        route("GET", "/v2/account/keys/([^/]+)", r -> ok(Json.root("ssh_key", Cloud.json(cloud.key(r.p(1))))));
        route("DELETE", "/v2/account/keys/([^/]+)", r -> {
            cloud.deleteKey(r.p(1));
            return noContent();
        });

        route("GET", "/v2/droplets", r -> ok(page(r, "droplets",
                list(() -> cloud.listDroplets(r.q("tag_name")).stream().map(d -> (JsonNode) cloud.json(d)).toList()))));
        route("POST", "/v2/droplets", r -> {
            synchronized (cloud) {
                Cloud.Droplet d = cloud.createDroplet(r.body());
                ObjectNode out = Json.root("droplet", cloud.json(d));
                ArrayNode actions = Json.arr();
                for (Cloud.Action a : cloud.actionsOf("droplet", Long.toString(d.id))) {
                    actions.add(Json.obj().put("id", a.id).put("rel", "create")
                            .put("href", baseUrl + "/v2/actions/" + a.id));
                }
                out.set("links", Json.obj().set("actions", actions));
                return status(202, out);
            }
        });
        route("GET", "/v2/droplets/(\\d+)", r -> {
            synchronized (cloud) {
                return ok(Json.root("droplet", cloud.json(cloud.pollDroplet(r.id(1)))));
            }
        });
        route("DELETE", "/v2/droplets/(\\d+)", r -> {
            cloud.deleteDroplet(r.id(1));
            return noContent();
        });
        route("GET", "/v2/droplets/(\\d+)/actions", r -> ok(page(r, "actions",
                list(() -> cloud.listActions("droplet", r.p(1)).stream().map(a -> (JsonNode) Cloud.json(a)).toList()))));
        route("POST", "/v2/droplets/(\\d+)/actions",
                r -> status(201, Json.root("action", Cloud.json(cloud.dropletAction(r.id(1), r.body())))));
        route("GET", "/v2/droplets/(\\d+)/actions/(\\d+)", r -> {
            synchronized (cloud) {
                cloud.pollDroplet(r.id(1));
                return ok(Json.root("action", Cloud.json(cloud.pollAction("droplet", r.p(1), r.id(2)))));
            }
        });
        route("GET", "/v2/droplets/(\\d+)/snapshots", r -> ok(page(r, "snapshots",
                list(() -> cloud.dropletSnapshots(r.id(1)).stream().map(i -> (JsonNode) Cloud.json(i)).toList()))));

        route("GET", "/v2/actions", r -> ok(page(r, "actions",
                list(() -> cloud.listActions(null, null).stream().map(a -> (JsonNode) Cloud.json(a)).toList()))));
        route("GET", "/v2/actions/(\\d+)", r -> ok(Json.root("action", Cloud.json(cloud.pollAction(r.id(1))))));

        route("GET", "/v2/images", r -> ok(page(r, "images", list(() -> cloud.listImages(r.q("type"),
                r.q("private") == null ? null : Boolean.valueOf(r.q("private")), r.q("tag_name"))
                .stream().map(i -> (JsonNode) Cloud.json(i)).toList()))));
        route("GET", "/v2/images/([^/]+)", r -> ok(Json.root("image", Cloud.json(cloud.image(r.p(1))))));
        route("DELETE", "/v2/images/(\\d+)", r -> {
            cloud.deleteImage(r.id(1));
            return noContent();
        });
        route("POST", "/v2/images/(\\d+)/actions",
                r -> status(201, Json.root("action", Cloud.json(cloud.imageAction(r.id(1), r.body())))));
        route("GET", "/v2/images/(\\d+)/actions/(\\d+)",
                r -> ok(Json.root("action", Cloud.json(cloud.pollAction("image", r.p(1), r.id(2))))));

        route("GET", "/v2/snapshots", r -> ok(page(r, "snapshots", list(() -> "volume".equals(r.q("resource_type"))
                ? List.of() : cloud.listImages("snapshot", true, null).stream().map(i -> (JsonNode) Cloud.snapshotJson(i))
                        .toList()))));
        route("GET", "/v2/snapshots/(\\d+)", r -> {
            Cloud.Image i = cloud.image(r.p(1));
            if (!"snapshot".equals(i.type)) {
                throw ApiError.notFound();
            }
            return ok(Json.root("snapshot", Cloud.snapshotJson(i)));
        });
        route("DELETE", "/v2/snapshots/(\\d+)", r -> {
            cloud.deleteImage(r.id(1));
            return noContent();
        });

        route("GET", "/v2/vpcs", r -> ok(page(r, "vpcs",
                list(() -> cloud.vpcs.values().stream().map(v -> (JsonNode) Cloud.json(v)).toList()))));
        route("POST", "/v2/vpcs", r -> status(201, Json.root("vpc", Cloud.json(cloud.createVpc(r.body())))));
        route("GET", "/v2/vpcs/([^/]+)", r -> ok(Json.root("vpc", Cloud.json(cloud.vpc(r.p(1))))));
        route("PUT", "/v2/vpcs/([^/]+)", r -> ok(Json.root("vpc", Cloud.json(cloud.updateVpc(r.p(1), r.body())))));
        route("PATCH", "/v2/vpcs/([^/]+)", r -> ok(Json.root("vpc", Cloud.json(cloud.updateVpc(r.p(1), r.body())))));
        route("DELETE", "/v2/vpcs/([^/]+)", r -> {
            cloud.deleteVpc(r.p(1));
            return noContent();
        });

        route("GET", "/v2/reserved_ips", r -> ok(page(r, "reserved_ips",
                list(() -> cloud.reservedIps.values().stream().map(ip -> (JsonNode) cloud.json(ip)).toList()))));
        route("POST", "/v2/reserved_ips", r -> {
            synchronized (cloud) {
                Cloud.ReservedIp ip = cloud.createReservedIp(r.body());
                ObjectNode out = Json.root("reserved_ip", cloud.json(ip));
                out.set("links", Json.obj());
                return status(202, out);
            }
        });
        route("GET", "/v2/reserved_ips/([\\d.]+)", r -> {
            synchronized (cloud) {
                return ok(Json.root("reserved_ip", cloud.json(cloud.reservedIp(r.p(1)))));
            }
        });
        route("DELETE", "/v2/reserved_ips/([\\d.]+)", r -> {
            cloud.deleteReservedIp(r.p(1));
            return noContent();
        });
        route("GET", "/v2/reserved_ips/([\\d.]+)/actions", r -> ok(page(r, "actions", list(() -> {
            cloud.reservedIp(r.p(1));
            return cloud.listActions("reserved_ip", r.p(1)).stream().map(a -> (JsonNode) Cloud.json(a)).toList();
        }))));
        route("POST", "/v2/reserved_ips/([\\d.]+)/actions",
                r -> status(201, Json.root("action", Cloud.json(cloud.reservedIpAction(r.p(1), r.body())))));
        route("GET", "/v2/reserved_ips/([\\d.]+)/actions/(\\d+)",
                r -> ok(Json.root("action", Cloud.json(cloud.pollAction("reserved_ip", r.p(1), r.id(2))))));

        route("GET", "/v2/domains", r -> ok(page(r, "domains",
                list(() -> cloud.domains.values().stream().map(d -> (JsonNode) Cloud.json(d)).toList()))));
        route("POST", "/v2/domains", r -> status(201, Json.root("domain", Cloud.json(cloud.createDomain(r.body())))));
        route("GET", "/v2/domains/([^/]+)", r -> ok(Json.root("domain", Cloud.json(cloud.domain(r.p(1))))));
        route("DELETE", "/v2/domains/([^/]+)", r -> {
            cloud.deleteDomain(r.p(1));
            owner.writeHosts();
            return noContent();
        });
        route("GET", "/v2/domains/([^/]+)/records",
                r -> ok(page(r, "domain_records", list(() -> cloud.records(r.p(1), r.q("type"), r.q("name"))))));
        route("POST", "/v2/domains/([^/]+)/records", r -> {
            ObjectNode rec = cloud.createRecord(r.p(1), r.body());
            owner.writeHosts();
            return status(201, Json.root("domain_record", rec.deepCopy()));
        });
        route("GET", "/v2/domains/([^/]+)/records/(\\d+)",
                r -> ok(Json.root("domain_record", copy(() -> cloud.record(r.p(1), r.id(2))))));
        Function<Req, Res> editRecord = r -> {
            ObjectNode rec = copy(() -> cloud.updateRecord(r.p(1), r.id(2), r.body()));
            owner.writeHosts();
            return ok(Json.root("domain_record", rec));
        };
        route("PUT", "/v2/domains/([^/]+)/records/(\\d+)", editRecord);
        route("PATCH", "/v2/domains/([^/]+)/records/(\\d+)", editRecord);
        route("DELETE", "/v2/domains/([^/]+)/records/(\\d+)", r -> {
            cloud.deleteRecord(r.p(1), r.id(2));
            owner.writeHosts();
            return noContent();
        });

        route("GET", "/v2/databases", r -> ok(Json.root("databases", Json.arr().addAll(
                list(() -> cloud.databases.values().stream().map(db -> (JsonNode) cloud.json(db)).toList())))));
        route("POST", "/v2/databases", r -> {
            synchronized (cloud) {
                return status(201, Json.root("database", cloud.json(cloud.createDatabase(r.body()))));
            }
        });
        route("GET", "/v2/databases/([^/]+)", r -> {
            synchronized (cloud) {
                return ok(Json.root("database", cloud.json(cloud.pollDatabase(r.p(1)))));
            }
        });
        route("DELETE", "/v2/databases/([^/]+)", r -> {
            cloud.deleteDatabase(r.p(1));
            return noContent();
        });
        route("GET", "/v2/databases/([^/]+)/dbs", r -> ok(Json.root("dbs", Json.arr().addAll(list(() -> cloud
                .database(r.p(1)).dbs.stream().map(n -> (JsonNode) Json.obj().put("name", n)).toList())))));
        route("POST", "/v2/databases/([^/]+)/dbs",
                r -> status(201, Json.root("db", Json.obj().put("name", cloud.createDb(r.p(1), r.body())))));
        route("GET", "/v2/databases/([^/]+)/dbs/([^/]+)",
                r -> ok(Json.root("db", Json.obj().put("name", cloud.db(r.p(1), r.p(2))))));
        route("DELETE", "/v2/databases/([^/]+)/dbs/([^/]+)", r -> {
            cloud.deleteDb(r.p(1), r.p(2));
            return noContent();
        });
        route("GET", "/v2/databases/([^/]+)/users", r -> ok(Json.root("users", Json.arr().addAll(list(() -> {
            List<JsonNode> users = new ArrayList<>();
            cloud.database(r.p(1)).users.forEach((n, p) -> users.add(Cloud.userJson(n, p)));
            return users;
        })))));
        route("POST", "/v2/databases/([^/]+)/users", r -> {
            Map.Entry<String, String> u = cloud.createUser(r.p(1), r.body());
            return status(201, Json.root("user", Cloud.userJson(u.getKey(), u.getValue())));
        });
        route("GET", "/v2/databases/([^/]+)/users/([^/]+)", r -> {
            Map.Entry<String, String> u = cloud.user(r.p(1), r.p(2));
            return ok(Json.root("user", Cloud.userJson(u.getKey(), u.getValue())));
        });
        route("PUT", "/v2/databases/([^/]+)/users/([^/]+)", r -> {
            Map.Entry<String, String> u = cloud.user(r.p(1), r.p(2));
            return ok(Json.root("user", Cloud.userJson(u.getKey(), u.getValue())));
        });
        route("POST", "/v2/databases/([^/]+)/users/([^/]+)/reset_auth", r -> {
            Map.Entry<String, String> u = cloud.resetUserPassword(r.p(1), r.p(2));
            return ok(Json.root("user", Cloud.userJson(u.getKey(), u.getValue())));
        });
        route("DELETE", "/v2/databases/([^/]+)/users/([^/]+)", r -> {
            cloud.deleteUser(r.p(1), r.p(2));
            return noContent();
        });
        route("GET", "/v2/databases/([^/]+)/firewall", r -> ok(Json.root("rules", Json.arr().addAll(
                list(() -> cloud.firewall(r.p(1)).stream().map(o -> (JsonNode) o.deepCopy()).toList())))));
        route("PUT", "/v2/databases/([^/]+)/firewall", r -> {
            cloud.replaceFirewall(r.p(1), r.body());
            return noContent();
        });
    }

    private <T> T list(java.util.function.Supplier<T> s) {
        synchronized (cloud) {
            return s.get();
        }
    }

    private ObjectNode copy(java.util.function.Supplier<ObjectNode> s) {
        synchronized (cloud) {
            return s.get().deepCopy();
        }
    }

    /**
     * One page of a list, as DigitalOcean pages: {@code page} and {@code per_page} (20 by default,
     * at most 200), {@code links.pages} with absolute {@code first}/{@code prev}/{@code next}/{@code last}
     * URLs that keep the other query parameters, and {@code meta.total}.
     */
    private ObjectNode page(Req r, String key, List<JsonNode> all) {
        int perPage = clamp(parse(r.q("per_page"), 20), 1, 200);
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        int page = Math.max(1, parse(r.q("page"), 1));
        ArrayNode items = Json.arr();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
            items.add(all.get(i));
        }
        ObjectNode out = Json.root(key, items);
        ObjectNode pagesNode = Json.obj();
        if (page > 1) {
            pagesNode.put("first", link(r, 1, perPage));
            pagesNode.put("prev", link(r, Math.min(page - 1, pages), perPage));
        }
        if (page < pages) {
            pagesNode.put("next", link(r, page + 1, perPage));
            pagesNode.put("last", link(r, pages, perPage));
        }
        ObjectNode links = Json.obj();
        if (!pagesNode.isEmpty()) {
            links.set("pages", pagesNode);
        }
        out.set("links", links);
        out.set("meta", Json.obj().put("total", all.size()));
        return out;
    }

    private String link(Req r, int page, int perPage) {
        Map<String, String> q = new LinkedHashMap<>(r.query());
        q.put("page", Integer.toString(page));
        q.put("per_page", Integer.toString(perPage));
        StringBuilder sb = new StringBuilder(baseUrl).append(r.path()).append('?');
        q.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        return sb.substring(0, sb.length() - 1);
    }

    private static int parse(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("page and per_page must be whole numbers");
        }
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    // ------------------------------------------------------------------------------------ /_double

    private void admin() {
        route("GET", "/_double/requests", r -> {
            ArrayNode entries = Json.arr();
            log.entries().forEach(e -> entries.add(e.json()));
            ObjectNode counts = Json.obj();
            log.countsByPhase().forEach(counts::put);
            ObjectNode out = Json.root("requests", entries);
            out.set("counts_by_phase", counts);
            return ok(out);
        });
        route("POST", "/_double/phase", r -> {
            log.phase(Json.text(r.body(), "name"));
            return noContent();
        });
        route("POST", "/_double/faults", r -> {
            JsonNode b = r.body();
            try {
                if (b.has("refuse")) {
                    JsonNode f = b.get("refuse");
                    cloud.faults.refuseNext(Json.text(f, "method"), f.path("path").asText(".*"), f.path("status").asInt());
                } else if (b.has("in_progress")) {
                    JsonNode f = b.get("in_progress");
                    cloud.faults.stayInProgress(f.path("target").asText(), f.path("polls").asInt(1));
                } else if (b.has("fail_action")) {
                    cloud.faults.failNextAction(b.get("fail_action").asText());
                } else {
                    throw ApiError.unprocessable("give one of refuse, in_progress, fail_action");
                }
            } catch (IllegalArgumentException e) {
                throw ApiError.unprocessable(e.getMessage());
            }
            return noContent();
        });
        route("PUT", "/_double/releases/([^/]+)", r -> {
            cloud.markBroken(r.p(1), r.body().path("broken").asBoolean(true));
            return noContent();
        });
        route("POST", "/_double/snapshots", r -> {
            JsonNode b = r.body();
            String name = Json.text(b, "name");
            if (name == null) {
                throw ApiError.unprocessable("name is required");
            }
            Instant at = b.has("created_at") ? Instant.parse(b.get("created_at").asText()) : Cloud.now();
            Cloud.Image i = cloud.seedSnapshot(name, Json.text(b, "release"), at, b.path("region").asText("ams3"));
            return status(201, Json.root("snapshot", Cloud.snapshotJson(i)));
        });
        route("GET", "/_double/state", r -> ok(owner.state()));
    }

    // ------------------------------------------------------------------------------------ dispatch

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean api = path.startsWith("/v2/") || path.equals("/v2");
        Res res;
        try {
            res = dispatch(ex, method, path, rawQuery, api);
        } catch (ApiError e) {
            res = new Res(e.status, Json.obj().put("id", e.id).put("message", e.getMessage())
                    .put("request_id", UUID.randomUUID().toString()));
        } catch (RuntimeException e) {
            res = new Res(500, Json.obj().put("id", "server_error").put("message", "Server Error: " + e)
                    .put("request_id", UUID.randomUUID().toString()));
        }
        // Logged before the answer leaves, so a client that has its answer finds its request in the log.
        if (api) {
            log.add(method, path, rawQuery, res.status(), ex.getRequestHeaders().getFirst("User-Agent"));
        }
        send(ex, res.status(), res.body(), api, res.status() == 429);
    }

    private Res dispatch(HttpExchange ex, String method, String path, String rawQuery, boolean api) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        if (api) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + cloud.config.token())) {
                throw new ApiError(401, "Unauthorized", "Unable to authenticate you");
            }
            int refusal = cloud.faults.refusal(method, path);
            if (refusal != 0) {
                throw refusal == 429 ? new ApiError(429, "too_many_requests", "API Rate limit exceeded.")
                        : new ApiError(refusal, refusal >= 500 ? "server_error" : "injected_fault",
                                "Injected fault: HTTP " + refusal);
            }
        }
        JsonNode body = Json.obj();
        if (raw.length > 0) {
            try {
                body = Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw ApiError.badRequest("The request body is not valid JSON: " + e.getMessage());
            }
            if (body == null || !body.isObject()) {
                throw ApiError.badRequest("The request body must be a JSON object");
            }
        }
        Map<String, String> query = query(rawQuery);
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (m.matches()) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    return route.handler().apply(new Req(method, path, query, body, m));
                }
            }
        }
        if (pathKnown) {
            throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + path);
        }
        throw ApiError.notFound();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private void send(HttpExchange ex, int status, JsonNode body, boolean api, boolean rateLimited) throws IOException {
        if (api) {
            long now = Instant.now().getEpochSecond();
            int remaining;
            long reset;
            synchronized (this) {
                if (now - windowStart >= 3600) {
                    windowStart = now;
                    usedInWindow = 0;
                }
                usedInWindow++;
                remaining = Math.max(0, HOURLY_LIMIT - usedInWindow);
                reset = windowStart + 3600;
            }
            ex.getResponseHeaders().set("RateLimit-Limit", Integer.toString(HOURLY_LIMIT));
            ex.getResponseHeaders().set("RateLimit-Remaining", Integer.toString(rateLimited ? 0 : remaining));
            // A refused client is told the quota is back in a second, so tests wait a second, not an hour.
            ex.getResponseHeaders().set("RateLimit-Reset", Long.toString(rateLimited ? now + 1 : reset));
            ex.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
        }
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
