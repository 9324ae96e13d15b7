package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local DigitalOcean: the part of the API that Packer's DigitalOcean plugin, OpenTofu's
 * DigitalOcean provider and this project's client use, kept as state, with droplets that listen on
 * their own loopback addresses (an SSH stand-in, and the app of the release baked into their image)
 * and reserved IPs that forward to the droplet they are assigned to.
 *
 * <p>Start one with {@link #builder(Path)}; its API is at {@link #apiUrl()}
 * ({@code DIGITALOCEAN_API_URL} for Packer and OpenTofu, {@code --api-url} for the CLI). The same
 * controls are served over HTTP under {@code /_double} for scripts: see README.md.
 */
public final class LocalDigitalOcean implements AutoCloseable {
    private final Config config;
    private final Cloud cloud;
    private final RequestLog log;
    private final DropletServers servers;
    private final HttpServer http;
    private final ExecutorService threads;
    private final String apiUrl;

    static {
        // SSHD logs through SLF4J: its connection chatter stays out of the test and script output.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private LocalDigitalOcean(Config config) throws IOException {
        this.config = config;
        Files.createDirectories(config.stateDir());
        this.log = new RequestLog(config.stateDir().resolve("requests.jsonl"));
        this.servers = new DropletServers(config);
        this.cloud = new Cloud(config, new Faults(), servers);
        servers.cloud(cloud);
        Api api = new Api(this, cloud, log);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 100);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-digitalocean-api");
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", api);
        http.setExecutor(threads);
        http.start();
        this.apiUrl = "http://" + config.bindAddress() + ":" + http.getAddress().getPort();
        api.baseUrl(apiUrl);
        writeHosts();
        Files.writeString(config.stateDir().resolve("api-url"), apiUrl + "\n", StandardCharsets.UTF_8);
    }

    /**
     * @param stateDir where uploads, snapshots' files, {@code requests.jsonl}, {@code hosts} and
     *     {@code api-url} go
     * @return a builder with the defaults for tests on plain loopback: any free ports
     */
    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /** @return the API's base URL, e.g. {@code http://127.0.0.1:41234} */
    public String apiUrl() {
        return apiUrl;
    }

    /** @return how it was set up */
    public Config config() {
        return config;
    }

    /** @return every API request so far, by phase */
    public RequestLog requests() {
        return log;
    }

    /** @param name the phase the next requests are counted in, e.g. {@code bake} */
    public void phase(String name) {
        log.phase(name);
    }

    /**
     * Answers the next request that matches with an error status, in DigitalOcean's error shape
     * (a 429 with the RateLimit headers of a spent quota that refills in a second).
     *
     * @param method the HTTP method, or null for any
     * @param pathRegex a regular expression the whole path must match, e.g. {@code /v2/droplets/\d+}
     * @param status 429, or a 5xx (any 4xx or 5xx is allowed)
     */
    public void refuseNext(String method, String pathRegex, int status) {
        cloud.faults.refuseNext(method, pathRegex, status);
    }

    /**
     * Makes the next droplet, database or action of a type take more reads to finish.
     *
     * @param target {@code droplet}, {@code database}, {@code action} or {@code action:TYPE}
     *     (e.g. {@code action:snapshot}, {@code action:assign_ip})
     * @param polls how many more reads it stays {@code new}, {@code creating} or {@code in-progress}
     */
    public void stayInProgress(String target, int polls) {
        cloud.faults.stayInProgress(target, polls);
    }

    /** @param actionType the next action of this type (e.g. {@code snapshot}) ends {@code errored} and does nothing */
    public void failNextAction(String actionType) {
        cloud.faults.failNextAction(actionType);
    }

    /**
     * @param release a release, e.g. {@code v2.0.0}
     * @param broken whether droplets running it answer their health check with 503
     */
    public void markBroken(String release, boolean broken) {
        cloud.markBroken(Objects.requireNonNull(release, "release"), broken);
    }

    /**
     * Adds a snapshot as if an earlier bake had made it.
     *
     * @param name its name
     * @param release the release baked into it, or null
     * @param createdAt when it was made
     * @param region its region
     * @return its id
     */
    public long seedSnapshot(String name, String release, Instant createdAt, String region) {
        return cloud.seedSnapshot(name, release, createdAt, region).id;
    }

    /**
     * Everything the double holds, with what the API does not show: each droplet's user_data,
     * release, address and ports, uploads and commands; each image's release; each reserved IP's
     * droplet and forwarder port. The same document as {@code GET /_double/state}.
     *
     * @return the state
     */
    public ObjectNode state() {
        synchronized (cloud) {
            ObjectNode out = Json.obj();
            out.put("api_url", apiUrl);
            ArrayNode droplets = Json.arr();
            List<Cloud.Droplet> all = new java.util.ArrayList<>(cloud.deletedDroplets.values());
            all.addAll(cloud.droplets.values());
            all.sort(java.util.Comparator.comparingLong(d -> d.id));
            for (Cloud.Droplet d : all) {
                ObjectNode o = Json.obj().put("id", d.id).put("name", d.name).put("status", d.status)
                        .put("image_id", d.image.id).put("release", d.release).put("public_ip", d.publicIp)
                        .put("private_ip", d.privateIp).put("ssh_port", d.sshPort).put("app_port", d.appPort)
                        .put("app_requests", d.appRequests).put("user_data", d.userData).put("fs", d.fs.toString())
                        .put("vpc_uuid", d.vpcUuid);
                o.set("tags", Json.strings(d.tags));
                o.set("uploads", uploads(d.uploads));
                o.set("commands", Json.strings(d.commands));
                droplets.add(o);
            }
            out.set("droplets", droplets);
            ArrayNode images = Json.arr();
            for (Cloud.Image i : cloud.images.values()) {
                ObjectNode o = Cloud.json(i).put("release", i.release).put("fs", i.fs == null ? null : i.fs.toString());
                if (i.sourceDropletId != null) {
                    o.put("source_droplet_id", i.sourceDropletId);
                }
                o.set("uploads", uploads(i.uploads));
                o.set("commands", Json.strings(i.commands));
                images.add(o);
            }
            out.set("images", images);
            ArrayNode ips = Json.arr();
            for (Cloud.ReservedIp r : cloud.reservedIps.values()) {
                ObjectNode o = Json.obj().put("ip", r.ip).put("region", r.region).put("port", r.port)
                        .put("forwarded", r.forwarded).put("refused", r.refused);
                if (r.dropletId == null) {
                    o.putNull("droplet_id");
                } else {
                    o.put("droplet_id", r.dropletId);
                }
                ips.add(o);
            }
            out.set("reserved_ips", ips);
            ArrayNode domains = Json.arr();
            for (Cloud.Domain d : cloud.domains.values()) {
                ObjectNode o = Cloud.json(d);
                ArrayNode records = Json.arr();
                d.records.values().forEach(r -> records.add(r.deepCopy()));
                o.set("records", records);
                domains.add(o);
            }
            out.set("domains", domains);
            ArrayNode databases = Json.arr();
            cloud.databases.values().forEach(db -> databases.add(cloud.json(db)
                    .set("firewall", Json.arr().addAll(db.firewall.stream().map(ObjectNode::deepCopy).toList()))));
            out.set("databases", databases);
            out.set("vpcs", Json.arr().addAll(cloud.vpcs.values().stream().map(Cloud::json).toList()));
            out.set("ssh_keys", Json.arr().addAll(cloud.keys.values().stream().map(Cloud::json).toList()));
            out.set("broken_releases", Json.strings(cloud.brokenReleases));
            return out;
        }
    }

    private static ArrayNode uploads(List<Cloud.Upload> list) {
        ArrayNode uploads = Json.arr();
        list.forEach(u -> uploads.add(Json.obj().put("path", u.path()).put("size", u.size()).put("sha256", u.sha256())));
        return uploads;
    }

    /** Writes {@code hosts} in the state folder: one line per A record that points at a loopback address. */
    void writeHosts() {
        List<String> lines = cloud.hostsLines();
        Path hosts = config.stateDir().resolve("hosts");
        try {
            Path tmp = Files.createTempFile(config.stateDir(), "hosts", ".tmp");
            Files.writeString(tmp, "127.0.0.1 localhost\n" + String.join("", lines.stream().map(l -> l + "\n").toList()),
                    StandardCharsets.UTF_8);
            Files.move(tmp, hosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the API, every droplet's SSH stand-in and app, and every reserved IP's forwarder. */
    @Override
    public void close() {
        http.stop(0);
        servers.close();
        threads.shutdownNow();
    }

    /** Builds a {@link LocalDigitalOcean}. */
    public static final class Builder {
        private final Path stateDir;
        private String bindAddress = "127.0.0.1";
        private int port;
        private String token;
        private int sshPort;
        private int appPort;
        private String dropletAddressPrefix = "127.77";
        private String reservedAddressPrefix = "127.78";
        private String releaseVariable = "RELEASE_TAG";
        private int pollsToActive = 1;
        private int pollsToComplete = 1;
        private int pollsToOnline = 1;
        private boolean ssh = true;
        private boolean apps = true;

        private Builder(Path stateDir) {
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        }

        /** @param address the API's address (default 127.0.0.1) @return this */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** @param port the API's port (default 0: any free one) @return this */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param token the bearer token the API accepts (required) @return this */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** @param port every droplet's SSH port (default 0: a free one per droplet; 22 in a namespace) @return this */
        public Builder sshPort(int port) {
            this.sshPort = port;
            return this;
        }

        /** @param port every droplet's and reserved IP's app port (default 0: a free one each) @return this */
        public Builder appPort(int port) {
            this.appPort = port;
            return this;
        }

        /**
         * @param droplets the droplets' loopback /16, e.g. {@code 127.77}
         * @param reserved the reserved IPs' loopback /16, e.g. {@code 127.78}
         * @return this
         */
        public Builder addressPrefixes(String droplets, String reserved) {
            this.dropletAddressPrefix = droplets;
            this.reservedAddressPrefix = reserved;
            return this;
        }

        /** @param name the variable that names a build's release (default RELEASE_TAG) @return this */
        public Builder releaseVariable(String name) {
            this.releaseVariable = name;
            return this;
        }

        /**
         * @param toActive reads before a new droplet is active (default 1)
         * @param toComplete reads before an action is completed (default 1)
         * @param toOnline reads before a new database is online (default 1)
         * @return this
         */
        public Builder polls(int toActive, int toComplete, int toOnline) {
            this.pollsToActive = toActive;
            this.pollsToComplete = toComplete;
            this.pollsToOnline = toOnline;
            return this;
        }

        /** @param ssh whether droplets run the SSH stand-in (default true) @return this */
        public Builder ssh(boolean ssh) {
            this.ssh = ssh;
            return this;
        }

        /** @param apps whether droplets serve their release's health endpoint (default true) @return this */
        public Builder apps(boolean apps) {
            this.apps = apps;
            return this;
        }

        /**
         * @return the running double
         * @throws IOException when it cannot listen or write its state folder
         */
        public LocalDigitalOcean start() throws IOException {
            return new LocalDigitalOcean(new Config(stateDir, bindAddress, port, token, sshPort, appPort,
                    dropletAddressPrefix, reservedAddressPrefix, releaseVariable, pollsToActive, pollsToComplete,
                    pollsToOnline, ssh, apps));
        }
    }
}
