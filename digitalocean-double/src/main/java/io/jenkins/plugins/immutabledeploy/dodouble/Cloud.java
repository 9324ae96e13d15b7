package io.jenkins.plugins.immutabledeploy.dodouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything the local DigitalOcean knows, and what each API call does to it. One lock (this
 * object) guards all of it; the HTTP, SSH and app threads all come through here.
 *
 * <p>Things that take time on DigitalOcean take polls here: a droplet is {@code new} until it has
 * been read {@code pollsToActive} times, an action is {@code in-progress} until it (or its droplet)
 * has been read {@code pollsToComplete} times, a database is {@code creating} until read
 * {@code pollsToOnline} times. Faults can make any of them take longer.
 */
final class Cloud {
    /** Reacts to droplets starting and stopping, and reserved IPs coming and going. */
    interface Machines {
        void started(Droplet droplet);

        void stopped(Droplet droplet);

        void reservedIpCreated(ReservedIp ip);

        void reservedIpDeleted(ReservedIp ip);

        /** The address now leads elsewhere: connections made through it before are cut, as on a real network. */
        void reservedIpMoved(ReservedIp ip);
    }

    static final Map<String, String> REGIONS = new LinkedHashMap<>();

    static {
        REGIONS.put("ams3", "Amsterdam 3");
        REGIONS.put("blr1", "Bangalore 1");
        REGIONS.put("fra1", "Frankfurt 1");
        REGIONS.put("lon1", "London 1");
        REGIONS.put("nyc1", "New York 1");
        REGIONS.put("nyc3", "New York 3");
        REGIONS.put("sfo3", "San Francisco 3");
        REGIONS.put("sgp1", "Singapore 1");
        REGIONS.put("syd1", "Sydney 1");
        REGIONS.put("tor1", "Toronto 1");
    }

    static final List<String> SIZES = List.of("s-1vcpu-512mb-10gb", "s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-2gb",
            "s-2vcpu-4gb", "s-4vcpu-8gb", "s-8vcpu-16gb");

    private static final Pattern SIZE = Pattern.compile("s-(\\d+)vcpu-(\\d+)(mb|gb).*");
    private static final Instant EPOCH = Instant.parse("2024-04-25T10:00:00Z");

    final Config config;
    final Faults faults;
    private final Machines machines;
    private final SecureRandom random = new SecureRandom();
    private final Pattern releaseAssignment;

    private long nextDropletId = 400_000_001L;
    private long nextImageId = 180_000_001L;
    private long nextActionId = 2_000_000_001L;
    private long nextKeyId = 41_000_001L;
    private long nextRecordId = 31_000_001L;
    private int nextDropletHost;
    private int nextReservedHost;

    final Map<Long, Droplet> droplets = new LinkedHashMap<>();
    /** Deleted droplets, kept for tests and scripts (what a build droplet received); the API no longer knows them. */
    final Map<Long, Droplet> deletedDroplets = new LinkedHashMap<>();
    final Map<Long, Image> images = new LinkedHashMap<>();
    final Map<Long, Action> actions = new LinkedHashMap<>();
    final Map<Long, Key> keys = new LinkedHashMap<>();
    final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    final Map<String, ReservedIp> reservedIps = new LinkedHashMap<>();
    final Map<String, Domain> domains = new LinkedHashMap<>();
    final Map<String, Database> databases = new LinkedHashMap<>();
    final Set<String> brokenReleases = new LinkedHashSet<>();

    Cloud(Config config, Faults faults, Machines machines) {
        this.config = config;
        this.faults = faults;
        this.machines = machines;
        this.releaseAssignment = Pattern.compile("(?:^|[\\s;(&|])(?:export\\s+)?" + Pattern.quote(config.releaseVariable())
                + "=(?:'([^']*)'|\"([^\"]*)\"|([^\\s;'\"]+))", Pattern.MULTILINE);
        long id = 170_000_001L;
        for (String[] d : new String[][] {{"ubuntu-24-04-x64", "24.04 (LTS) x64", "Ubuntu"},
                {"ubuntu-22-04-x64", "22.04 (LTS) x64", "Ubuntu"}, {"debian-12-x64", "12 x64", "Debian"}}) {
            Image i = new Image(id++, d[1], "base", EPOCH);
            i.slug = d[0];
            i.distribution = d[2];
            i.publicImage = true;
            i.regions.addAll(REGIONS.keySet());
            images.put(i.id, i);
        }
    }

    // ---------------------------------------------------------------- resources

    static final class Droplet {
        final long id;
        final String name;
        final String region;
        final String size;
        final Image image;
        final List<Long> sshKeyIds;
        final List<String> tags;
        final String vpcUuid;
        final String userData;
        final Instant createdAt;
        final List<Long> snapshotIds = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        final List<Upload> uploads = new ArrayList<>();
        final Path fs;
        String status = "new";
        int pollsToActive;
        String publicIp;
        String privateIp;
        String release;
        /** The ports its stand-ins listen on, once started (0: not listening). */
        int sshPort;
        int appPort;
        /** Requests its app has answered. */
        long appRequests;

        Droplet(long id, String name, String region, String size, Image image, List<Long> sshKeyIds, List<String> tags,
                String vpcUuid, String userData, Instant createdAt, Path fs) {
            this.id = id;
            this.name = name;
            this.region = region;
            this.size = size;
            this.image = image;
            this.sshKeyIds = sshKeyIds;
            this.tags = tags;
            this.vpcUuid = vpcUuid;
            this.userData = userData;
            this.createdAt = createdAt;
            this.fs = fs;
        }
    }

    /** One file the SSH stand-in received. */
    record Upload(String path, long size, String sha256) {}

    static final class Image {
        final long id;
        String name;
        final String type;
        final Instant createdAt;
        final List<String> regions = new ArrayList<>();
        String slug;
        String distribution = "Ubuntu";
        boolean publicImage;
        Long sourceDropletId;
        String release;
        Path fs;
        /** What its source droplet received over SSH before the snapshot. */
        final List<Upload> uploads = new ArrayList<>();
        final List<String> commands = new ArrayList<>();

        Image(long id, String name, String type, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.createdAt = createdAt;
        }
    }

    static final class Action {
        final long id;
        final String type;
        final long resourceId;
        final String resourceType;
        final String resourceKey;
        final String region;
        final Instant startedAt;
        String status = "in-progress";
        Instant completedAt;
        int pollsLeft;
        boolean fails;
        Runnable onComplete;

        Action(long id, String type, long resourceId, String resourceType, String resourceKey, String region,
                Instant startedAt) {
            this.id = id;
            this.type = type;
            this.resourceId = resourceId;
            this.resourceType = resourceType;
            this.resourceKey = resourceKey;
            this.region = region;
            this.startedAt = startedAt;
        }
    }

    record Key(long id, String name, String publicKey, String fingerprint) {}

    static final class Vpc {
        final String id;
        String name;
        String description;
        final String region;
        final String ipRange;
        final Instant createdAt;
        boolean isDefault;
        int nextHost = 2;

        Vpc(String id, String name, String description, String region, String ipRange, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.region = region;
            this.ipRange = ipRange;
            this.createdAt = createdAt;
        }
    }

    static final class ReservedIp {
        final String ip;
        final String region;
        Long dropletId;
        /** The port its forwarder listens on, once started. */
        int port;
        /** Connections it has forwarded to a droplet, and refused for want of one. */
        long forwarded;
        long refused;

        ReservedIp(String ip, String region) {
            this.ip = ip;
            this.region = region;
        }
    }

    static final class Domain {
        final String name;
        final Map<Long, ObjectNode> records = new LinkedHashMap<>();

        Domain(String name) {
            this.name = name;
        }
    }

    static final class Database {
        final String id;
        final String name;
        final String engine;
        final String version;
        final String size;
        final String region;
        final int nodes;
        final String privateNetworkUuid;
        final List<String> tags;
        final Instant createdAt;
        final String adminPassword;
        String status = "creating";
        int pollsToOnline;
        final Map<String, String> users = new LinkedHashMap<>();
        final List<String> dbs = new ArrayList<>(List.of("defaultdb"));
        final List<ObjectNode> firewall = new ArrayList<>();

        Database(String id, String name, String engine, String version, String size, String region, int nodes,
                String privateNetworkUuid, List<String> tags, Instant createdAt, String adminPassword) {
            this.id = id;
            this.name = name;
            this.engine = engine;
            this.version = version;
            this.size = size;
            this.region = region;
            this.nodes = nodes;
            this.privateNetworkUuid = privateNetworkUuid;
            this.tags = tags;
            this.createdAt = createdAt;
            this.adminPassword = adminPassword;
        }
    }

    // ---------------------------------------------------------------- account, regions, sizes

    synchronized ObjectNode account() {
        ObjectNode a = Json.obj();
        a.put("droplet_limit", 25).put("floating_ip_limit", 3).put("reserved_ip_limit", 3).put("volume_limit", 100)
                .put("email", "sammy@example.com").put("name", "Sammy the Shark")
                .put("uuid", "b6fr89dbf6d9156cace5f3c78dc9851d957381ef").put("email_verified", true)
                .put("status", "active").put("status_message", "");
        a.set("team", Json.obj().put("uuid", "5df3e3004a17e242b7c20ca6c9fc25b701a47ece").put("name", "My Team"));
        return Json.root("account", a);
    }

    List<JsonNode> regions() {
        List<JsonNode> out = new ArrayList<>();
        REGIONS.forEach((slug, name) -> out.add(region(slug)));
        return out;
    }

    static ObjectNode region(String slug) {
        ObjectNode r = Json.obj().put("slug", slug).put("name", REGIONS.getOrDefault(slug, slug));
        r.set("features", Json.strings(List.of("backups", "ipv6", "metadata", "install_agent", "storage",
                "image_transfer")));
        r.put("available", true);
        r.set("sizes", Json.strings(SIZES));
        return r;
    }

    static ObjectNode size(String slug) {
        int vcpus = 1;
        int memory = 1024;
        Matcher m = SIZE.matcher(slug);
        if (m.matches()) {
            vcpus = Integer.parseInt(m.group(1));
            memory = Integer.parseInt(m.group(2)) * ("gb".equals(m.group(3)) ? 1024 : 1);
        }
        int disk = Math.max(10, memory / 1024 * 25);
        double monthly = Math.max(4, memory / 1024 * 6);
        ObjectNode s = Json.obj().put("slug", slug).put("memory", memory).put("vcpus", vcpus).put("disk", disk)
                .put("transfer", 1.0).put("price_monthly", monthly)
                .put("price_hourly", Math.round(monthly / 730 * 100000) / 100000.0);
        s.set("regions", Json.strings(REGIONS.keySet()));
        s.put("available", true).put("description", "Basic");
        return s;
    }

    // ---------------------------------------------------------------- ssh keys

    synchronized Key createKey(JsonNode body) {
        String name = Json.text(body, "name");
        String publicKey = Json.text(body, "public_key");
        if (name == null || name.isBlank()) {
            throw ApiError.unprocessable("Name is required");
        }
        String fingerprint = fingerprint(publicKey);
        for (Key k : keys.values()) {
            if (k.fingerprint().equals(fingerprint)) {
                throw ApiError.unprocessable("SSH Key is already in use on your account");
            }
        }
        Key k = new Key(nextKeyId++, name, publicKey.strip(), fingerprint);
        keys.put(k.id(), k);
        return k;
    }

    synchronized Key key(String idOrFingerprint) {
        for (Key k : keys.values()) {
            if (Long.toString(k.id()).equals(idOrFingerprint) || k.fingerprint().equals(idOrFingerprint)) {
                return k;
            }
        }
        throw ApiError.notFound();
    }

    synchronized void deleteKey(String idOrFingerprint) {
        keys.remove(key(idOrFingerprint).id());
    }

    /** The MD5 fingerprint DigitalOcean shows, {@code aa:bb:...}, of an OpenSSH public key line. */
    static String fingerprint(String publicKey) {
        String[] parts = publicKey == null ? new String[0] : publicKey.strip().split("\\s+");
        if (parts.length < 2 || !parts[0].matches("(ssh|ecdsa|sk)-[a-z0-9@.-]+")) {
            throw ApiError.unprocessable("Key invalid, type not supported");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw ApiError.unprocessable("Key invalid, type not supported");
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<String> authorizedKeys(long dropletId) {
        Droplet d = droplets.get(dropletId);
        if (d == null) {
            return List.of();
        }
        return d.sshKeyIds.stream().map(keys::get).filter(k -> k != null).map(Key::publicKey).toList();
    }

    // ---------------------------------------------------------------- droplets

    synchronized Droplet createDroplet(JsonNode body) {
        String name = Json.text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiError.unprocessable("Name is required to create a Droplet.");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
            throw ApiError.unprocessable("Only valid hostname characters are allowed. (a-z, A-Z, 0-9, . and -)");
        }
        String region = Json.text(body, "region");
        if (region == null || !REGIONS.containsKey(region)) {
            throw ApiError.unprocessable("You specified an invalid region for Droplet creation.");
        }
        String size = Json.text(body, "size");
        if (size == null || size.isBlank()) {
            throw ApiError.unprocessable("You specified an invalid size for Droplet creation.");
        }
        JsonNode imageRef = body.path("image");
        Image image = imageRef.isNumber() ? images.get(imageRef.asLong()) : imageBySlugOrId(imageRef.asText(""));
        if (image == null) {
            throw ApiError.unprocessable("You specified an invalid image for Droplet creation.");
        }
        if (!image.regions.contains(region)) {
            throw ApiError.unprocessable("The image you specified is not available in " + region + ".");
        }
        List<Long> sshKeys = new ArrayList<>();
        for (JsonNode k : body.path("ssh_keys")) {
            Key key;
            try {
                key = key(k.asText());
            } catch (ApiError e) {
                throw ApiError.unprocessable("You specified an invalid ssh key (" + k.asText() + ") for Droplet creation.");
            }
            sshKeys.add(key.id());
        }
        String vpcUuid = Json.text(body, "vpc_uuid");
        if (vpcUuid != null && !vpcUuid.isEmpty()) {
            Vpc vpc = vpcs.get(vpcUuid);
            if (vpc == null || !vpc.region.equals(region)) {
                throw ApiError.unprocessable("The specified VPC does not exist or is not in " + region + ".");
            }
        } else {
            vpcUuid = defaultVpc(region).id;
        }
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText()));
        long id = nextDropletId++;
        Droplet d = new Droplet(id, name, region, size, image, sshKeys, tags, vpcUuid, Json.text(body, "user_data"),
                now(), config.stateDir().resolve("droplets/" + id + "/fs"));
        d.pollsToActive = faults.pollsFor("droplet", config.pollsToActive());
        d.release = image.release;
        Vpc vpc = vpcs.get(vpcUuid);
        d.privateIp = privateAddress(vpc);
        copyTree(image.fs, d.fs);
        droplets.put(id, d);
        Action create = newAction("create", id, "droplet", Long.toString(id), region, null);
        create.pollsLeft = Integer.MAX_VALUE; // ends when the droplet is active
        return d;
    }

    synchronized Image imageBySlugOrId(String ref) {
        for (Image i : images.values()) {
            if (ref.equals(i.slug) || ref.equals(Long.toString(i.id))) {
                return i;
            }
        }
        return null;
    }

    /** Reads a droplet as a client would: a read is a poll, so it may move the droplet and its actions on. */
    synchronized Droplet pollDroplet(long id) {
        Droplet d = droplet(id);
        if ("new".equals(d.status) && --d.pollsToActive <= 0) {
            activate(d);
        }
        pollActions("droplet", Long.toString(id));
        return d;
    }

    synchronized Droplet droplet(long id) {
        Droplet d = droplets.get(id);
        if (d == null) {
            throw ApiError.notFound();
        }
        return d;
    }

    synchronized List<Droplet> listDroplets(String tag) {
        List<Droplet> out = new ArrayList<>();
        for (Droplet d : new ArrayList<>(droplets.values())) {
            if (tag == null || d.tags.contains(tag)) {
                out.add(pollDroplet(d.id));
            }
        }
        return out;
    }

    private void activate(Droplet d) {
        d.status = "active";
        if (d.publicIp == null) {
            d.publicIp = config.dropletAddressPrefix() + "." + (nextDropletHost / 250) + "." + (nextDropletHost % 250 + 2);
            nextDropletHost++;
        }
        for (Action a : actions.values()) {
            if (a.resourceKey.equals(Long.toString(d.id)) && "create".equals(a.type) && "in-progress".equals(a.status)) {
                complete(a);
            }
        }
        machines.started(d);
    }

    synchronized void deleteDroplet(long id) {
        Droplet d = droplet(id);
        droplets.remove(id);
        d.status = "deleted";
        deletedDroplets.put(id, d);
        machines.stopped(d);
        for (ReservedIp ip : reservedIps.values()) {
            if (Long.valueOf(id).equals(ip.dropletId)) {
                ip.dropletId = null;
                machines.reservedIpMoved(ip);
            }
        }
    }

    synchronized boolean locked(Droplet d) {
        return actions.values().stream().anyMatch(a -> a.resourceKey.equals(Long.toString(d.id))
                && "droplet".equals(a.resourceType) && !"create".equals(a.type) && "in-progress".equals(a.status));
    }

    synchronized Action dropletAction(long id, JsonNode body) {
        Droplet d = droplet(id);
        String type = Json.text(body, "type");
        if (type == null) {
            throw ApiError.unprocessable("Action type is required.");
        }
        if (locked(d)) {
            throw ApiError.unprocessable("Droplet already has a pending event.");
        }
        if ("new".equals(d.status)) {
            throw ApiError.unprocessable("Droplet is currently being created; try again when it is active.");
        }
        Runnable effect;
        switch (type) {
            case "shutdown", "power_off" -> effect = () -> {
                if (!"off".equals(d.status)) {
                    d.status = "off";
                    machines.stopped(d);
                }
            };
            case "power_on" -> effect = () -> {
                if (!"active".equals(d.status)) {
                    d.status = "active";
                    machines.started(d);
                }
            };
            case "reboot", "power_cycle", "enable_backups", "disable_backups", "change_backup_policy", "enable_ipv6",
                    "enable_private_networking", "password_reset", "rename", "resize", "rebuild", "change_kernel" ->
                    effect = () -> { };
            case "snapshot" -> {
                String name = Json.text(body, "name");
                String snapshotName = name == null || name.isBlank() ? d.name + "-" + now().getEpochSecond() : name;
                effect = () -> snapshot(d, snapshotName);
            }
            default -> throw ApiError.unprocessable("Action type '" + type + "' is not supported.");
        }
        return newAction(type, id, "droplet", Long.toString(id), d.region, effect);
    }

    private void snapshot(Droplet d, String name) {
        Image i = new Image(nextImageId++, name, "snapshot", now());
        i.regions.add(d.region);
        i.sourceDropletId = d.id;
        i.release = d.release;
        i.distribution = d.image.distribution;
        i.fs = config.stateDir().resolve("images/" + i.id + "/fs");
        i.uploads.addAll(d.uploads);
        i.commands.addAll(d.commands);
        copyTree(d.fs, i.fs);
        images.put(i.id, i);
        d.snapshotIds.add(i.id);
    }

    synchronized List<Image> dropletSnapshots(long id) {
        Droplet d = droplet(id);
        return d.snapshotIds.stream().map(images::get).filter(i -> i != null).toList();
    }

    // ---------------------------------------------------------------- what the SSH stand-in sees

    synchronized void recordCommand(long dropletId, String command) {
        Droplet d = droplets.get(dropletId);
        if (d != null) {
            d.commands.add(command);
            findRelease(d, command);
        }
    }

    synchronized void recordUpload(long dropletId, Path file) {
        Droplet d = droplets.get(dropletId);
        if (d == null) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String remote = "/" + d.fs.relativize(file).toString();
            d.uploads.add(new Upload(remote, bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
            if (bytes.length < 1_000_000) {
                findRelease(d, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The release a build droplet bakes: the last value given to the release variable, e.g. RELEASE_TAG='v1'. */
    private void findRelease(Droplet d, String text) {
        Matcher m = releaseAssignment.matcher(text);
        while (m.find()) {
            String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!v.isEmpty() && !v.startsWith("$")) {
                d.release = v;
            }
        }
    }

    // ---------------------------------------------------------------- actions

    private Action newAction(String type, long resourceId, String resourceType, String resourceKey, String region,
            Runnable effect) {
        Action a = new Action(nextActionId++, type, resourceId, resourceType, resourceKey, region, now());
        a.pollsLeft = faults.pollsFor("action:" + type, config.pollsToComplete());
        a.fails = faults.failsAction(type);
        a.onComplete = effect;
        actions.put(a.id, a);
        if (a.pollsLeft <= 0) {
            complete(a);
        }
        return a;
    }

    private void pollActions(String resourceType, String resourceKey) {
        for (Action a : new ArrayList<>(actions.values())) {
            if (a.resourceType.equals(resourceType) && a.resourceKey.equals(resourceKey)) {
                poll(a);
            }
        }
    }

    private void poll(Action a) {
        if ("in-progress".equals(a.status) && a.pollsLeft != Integer.MAX_VALUE && --a.pollsLeft <= 0) {
            complete(a);
        }
    }

    private void complete(Action a) {
        a.completedAt = now();
        if (a.fails) {
            a.status = "errored";
            return;
        }
        a.status = "completed";
        if (a.onComplete != null) {
            a.onComplete.run();
        }
    }

    synchronized Action pollAction(long id) {
        Action a = actions.get(id);
        if (a == null) {
            throw ApiError.notFound();
        }
        poll(a);
        return a;
    }

    synchronized Action pollAction(String resourceType, String resourceKey, long id) {
        Action a = actions.get(id);
        if (a == null || !a.resourceType.equals(resourceType) || !a.resourceKey.equals(resourceKey)) {
            throw ApiError.notFound();
        }
        poll(a);
        return a;
    }

    /** The actions on one resource, newest first, without reading them (no poll). */
    synchronized List<Action> actionsOf(String resourceType, String resourceKey) {
        List<Action> out = new ArrayList<>(actions.values().stream()
                .filter(a -> a.resourceType.equals(resourceType) && a.resourceKey.equals(resourceKey)).toList());
        out.sort(Comparator.comparingLong((Action a) -> a.id).reversed());
        return out;
    }

    synchronized List<Action> listActions(String resourceType, String resourceKey) {
        if ("droplet".equals(resourceType)) {
            pollDroplet(Long.parseLong(resourceKey));
        } else if (resourceType != null) {
            pollActions(resourceType, resourceKey);
        }
        List<Action> out = new ArrayList<>(actions.values().stream().filter(a -> resourceType == null
                || (a.resourceType.equals(resourceType) && a.resourceKey.equals(resourceKey))).toList());
        out.sort(Comparator.comparingLong((Action a) -> a.id).reversed());
        return out;
    }

    // ---------------------------------------------------------------- images and snapshots

    synchronized Image image(String idOrSlug) {
        Image i = imageBySlugOrId(idOrSlug);
        if (i == null) {
            throw ApiError.notFound();
        }
        return i;
    }

    synchronized List<Image> listImages(String type, Boolean privateOnly, String tag) {
        return images.values().stream()
                .filter(i -> privateOnly == null || privateOnly != i.publicImage)
                .filter(i -> type == null || ("distribution".equals(type) ? "base".equals(i.type) : type.equals(i.type)))
                .filter(i -> tag == null)
                .toList();
    }

    synchronized void deleteImage(long id) {
        Image i = images.get(id);
        if (i == null || i.publicImage) {
            throw ApiError.notFound();
        }
        images.remove(id);
        droplets.values().forEach(d -> d.snapshotIds.remove(id));
    }

    synchronized Action imageAction(long id, JsonNode body) {
        Image i = images.get(id);
        if (i == null || i.publicImage) {
            throw ApiError.notFound();
        }
        String type = Json.text(body, "type");
        if (!"transfer".equals(type) && !"convert".equals(type)) {
            throw ApiError.unprocessable("Action type '" + type + "' is not supported for images.");
        }
        String region = Json.text(body, "region");
        if ("transfer".equals(type) && (region == null || !REGIONS.containsKey(region))) {
            throw ApiError.unprocessable("You specified an invalid region for the image transfer.");
        }
        return newAction(type, id, "image", Long.toString(id), region,
                () -> {
                    if (region != null && !i.regions.contains(region)) {
                        i.regions.add(region);
                    }
                });
    }

    /**
     * Adds a snapshot as if an earlier bake had made it.
     *
     * @param name its name
     * @param release the release baked into it, or null
     * @param createdAt when it was made
     * @param region its region
     * @return it
     */
    synchronized Image seedSnapshot(String name, String release, Instant createdAt, String region) {
        Image i = new Image(nextImageId++, name, "snapshot", createdAt);
        i.regions.add(region);
        i.release = release;
        images.put(i.id, i);
        return i;
    }

    // ---------------------------------------------------------------- VPCs

    synchronized Vpc createVpc(JsonNode body) {
        String name = Json.text(body, "name");
        String region = Json.text(body, "region");
        if (name == null || !name.matches("[A-Za-z0-9-]{1,255}")) {
            throw ApiError.unprocessable("name must contain only letters, digits and dashes");
        }
        if (region == null || !REGIONS.containsKey(region)) {
            throw ApiError.unprocessable("region is invalid");
        }
        if (vpcs.values().stream().anyMatch(v -> v.name.equals(name))) {
            throw ApiError.unprocessable("A VPC with the name " + name + " already exists");
        }
        String range = Json.text(body, "ip_range");
        if (range == null || range.isEmpty()) {
            range = "10." + (110 + vpcs.size()) + ".0.0/20";
        } else if (!range.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw ApiError.unprocessable("ip_range must be a CIDR block such as 10.10.10.0/24");
        }
        Vpc v = new Vpc(UUID.randomUUID().toString(), name, Json.text(body, "description"), region, range, now());
        vpcs.put(v.id, v);
        return v;
    }

    private Vpc defaultVpc(String region) {
        for (Vpc v : vpcs.values()) {
            if (v.isDefault && v.region.equals(region)) {
                return v;
            }
        }
        Vpc v = new Vpc(UUID.randomUUID().toString(), "default-" + region, "", region, "10.106.0.0/20", now());
        v.isDefault = true;
        vpcs.put(v.id, v);
        return v;
    }

    private static String privateAddress(Vpc vpc) {
        String[] ip = vpc.ipRange.substring(0, vpc.ipRange.indexOf('/')).split("\\.");
        int host = vpc.nextHost++;
        return ip[0] + "." + ip[1] + "." + (Integer.parseInt(ip[2]) + host / 250) + "." + (host % 250 + 2);
    }

    synchronized Vpc vpc(String id) {
        Vpc v = vpcs.get(id);
        if (v == null) {
            throw ApiError.notFound();
        }
        return v;
    }

    synchronized Vpc updateVpc(String id, JsonNode body) {
        Vpc v = vpc(id);
        String name = Json.text(body, "name");
        if (name != null) {
            v.name = name;
        }
        String description = Json.text(body, "description");
        if (description != null) {
            v.description = description;
        }
        return v;
    }

    synchronized void deleteVpc(String id) {
        Vpc v = vpc(id);
        if (v.isDefault) {
            throw new ApiError(403, "forbidden", "A default VPC can not be deleted.");
        }
        boolean members = droplets.values().stream().anyMatch(d -> id.equals(d.vpcUuid))
                || databases.values().stream().anyMatch(db -> id.equals(db.privateNetworkUuid));
        if (members) {
            throw new ApiError(403, "forbidden", "Can not delete VPC with members");
        }
        vpcs.remove(id);
    }

    // ---------------------------------------------------------------- reserved IPs

    synchronized ReservedIp createReservedIp(JsonNode body) {
        String region = Json.text(body, "region");
        long dropletId = body.path("droplet_id").asLong(0);
        if (dropletId != 0) {
            region = droplet(dropletId).region;
        }
        if (region == null || !REGIONS.containsKey(region)) {
            throw ApiError.unprocessable("You must specify either a region or a droplet_id");
        }
        if (reservedIps.size() >= 3 * 50) {
            throw ApiError.unprocessable("You have reached the reserved IP limit");
        }
        String ip = config.reservedAddressPrefix() + "." + (nextReservedHost / 250) + "." + (nextReservedHost % 250 + 2);
        nextReservedHost++;
        ReservedIp r = new ReservedIp(ip, region);
        reservedIps.put(ip, r);
        machines.reservedIpCreated(r);
        if (dropletId != 0) {
            assign(r, dropletId);
        }
        return r;
    }

    synchronized ReservedIp reservedIp(String ip) {
        ReservedIp r = reservedIps.get(ip);
        if (r == null) {
            throw ApiError.notFound();
        }
        pollActions("reserved_ip", ip);
        return r;
    }

    synchronized void deleteReservedIp(String ip) {
        ReservedIp r = reservedIp(ip);
        reservedIps.remove(ip);
        machines.reservedIpDeleted(r);
    }

    synchronized Action reservedIpAction(String ip, JsonNode body) {
        ReservedIp r = reservedIp(ip);
        String type = Json.text(body, "type");
        boolean pending = actions.values().stream().anyMatch(a -> a.resourceKey.equals(ip)
                && "reserved_ip".equals(a.resourceType) && "in-progress".equals(a.status));
        if (pending) {
            throw ApiError.unprocessable("The reserved IP already has a pending event.");
        }
        if ("assign".equals(type)) {
            long dropletId = body.path("droplet_id").asLong(0);
            Droplet d = droplets.get(dropletId);
            if (d == null) {
                throw ApiError.unprocessable("The droplet " + dropletId + " does not exist");
            }
            if (!d.region.equals(r.region)) {
                throw ApiError.unprocessable("The droplet is not in the reserved IP's region " + r.region);
            }
            if (locked(d) || "new".equals(d.status)) {
                throw ApiError.unprocessable("Droplet already has a pending event.");
            }
            return assign(r, dropletId);
        }
        if ("unassign".equals(type)) {
            if (r.dropletId == null) {
                throw ApiError.unprocessable("The reserved IP is not assigned to a droplet");
            }
            return newAction("unassign_ip", ipAsNumber(ip), "reserved_ip", ip, r.region, () -> {
                r.dropletId = null;
                machines.reservedIpMoved(r);
            });
        }
        throw ApiError.unprocessable("Action type '" + type + "' is not supported for reserved IPs.");
    }

    /** Assigning moves the address: whatever droplet had it loses it when the action completes. */
    private Action assign(ReservedIp r, long dropletId) {
        return newAction("assign_ip", ipAsNumber(r.ip), "reserved_ip", r.ip, r.region, () -> {
            r.dropletId = dropletId;
            machines.reservedIpMoved(r);
        });
    }

    static long ipAsNumber(String ip) {
        long n = 0;
        for (String part : ip.split("\\.")) {
            n = n * 256 + Integer.parseInt(part);
        }
        return n;
    }

    // ---------------------------------------------------------------- domains

    synchronized Domain createDomain(JsonNode body) {
        String name = Json.text(body, "name");
        if (name == null || !name.matches("[a-z0-9.-]+\\.[a-z]{2,}")) {
            throw ApiError.unprocessable("Name is invalid");
        }
        if (domains.containsKey(name)) {
            throw ApiError.unprocessable("Domain already exists");
        }
        Domain d = new Domain(name);
        domains.put(name, d);
        String ip = Json.text(body, "ip_address");
        if (ip != null && !ip.isEmpty()) {
            createRecord(name, Json.obj().put("type", "A").put("name", "@").put("data", ip).put("ttl", 1800));
        }
        return d;
    }

    synchronized Domain domain(String name) {
        Domain d = domains.get(name);
        if (d == null) {
            throw ApiError.notFound();
        }
        return d;
    }

    synchronized void deleteDomain(String name) {
        domain(name);
        domains.remove(name);
    }

    synchronized ObjectNode createRecord(String domainName, JsonNode body) {
        Domain d = domain(domainName);
        ObjectNode r = record(Json.obj().put("id", nextRecordId), body);
        nextRecordId++;
        d.records.put(r.get("id").asLong(), r);
        return r;
    }

    private static ObjectNode record(ObjectNode r, JsonNode body) {
        String type = body.has("type") ? Json.text(body, "type") : r.path("type").asText(null);
        if (type == null || !List.of("A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT").contains(type)) {
            throw ApiError.unprocessable("Type is not a valid record type");
        }
        String name = body.has("name") ? Json.text(body, "name") : r.path("name").asText(null);
        String data = body.has("data") ? Json.text(body, "data") : r.path("data").asText(null);
        if (name == null || name.isEmpty() || data == null || data.isEmpty()) {
            throw ApiError.unprocessable("Name and data are required");
        }
        if ("A".equals(type) && !data.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            throw ApiError.unprocessable("Data needs to be an IPv4 address for an A record");
        }
        r.put("type", type).put("name", name).put("data", data);
        for (String f : List.of("priority", "port", "weight", "flags")) {
            JsonNode v = body.has(f) ? body.get(f) : r.get(f);
            if (v == null || v.isNull()) {
                r.putNull(f);
            } else {
                r.put(f, v.asInt());
            }
        }
        int ttl = body.path("ttl").asInt(0);
        r.put("ttl", ttl > 0 ? ttl : r.path("ttl").asInt(1800));
        JsonNode tag = body.has("tag") ? body.get("tag") : r.get("tag");
        if (tag == null || tag.isNull() || tag.asText().isEmpty()) {
            r.putNull("tag");
        } else {
            r.put("tag", tag.asText());
        }
        return r;
    }

    synchronized ObjectNode record(String domainName, long id) {
        ObjectNode r = domain(domainName).records.get(id);
        if (r == null) {
            throw ApiError.notFound();
        }
        return r;
    }

    synchronized ObjectNode updateRecord(String domainName, long id, JsonNode body) {
        return record(record(domainName, id), body);
    }

    synchronized void deleteRecord(String domainName, long id) {
        record(domainName, id);
        domain(domainName).records.remove(id);
    }

    synchronized List<JsonNode> records(String domainName, String type, String name) {
        Domain d = domain(domainName);
        return d.records.values().stream()
                .filter(r -> type == null || type.equals(r.path("type").asText()))
                .filter(r -> name == null || name.equals(fqdn(r.path("name").asText(), d.name)))
                .map(r -> (JsonNode) r).toList();
    }

    static String fqdn(String name, String domain) {
        return "@".equals(name) ? domain : name + "." + domain;
    }

    /** Lines for a hosts file: every A record that points at a loopback address. */
    synchronized List<String> hostsLines() {
        List<String> lines = new ArrayList<>();
        for (Domain d : domains.values()) {
            for (ObjectNode r : d.records.values()) {
                if ("A".equals(r.path("type").asText()) && r.path("data").asText().startsWith("127.")) {
                    lines.add(r.path("data").asText() + " " + fqdn(r.path("name").asText(), d.name));
                }
            }
        }
        return lines;
    }

    // ---------------------------------------------------------------- databases

    synchronized Database createDatabase(JsonNode body) {
        String name = Json.text(body, "name");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{2,62}")) {
            throw ApiError.unprocessable("name must be 3 to 63 lowercase letters, digits and dashes");
        }
        if (databases.values().stream().anyMatch(db -> db.name.equals(name))) {
            throw ApiError.unprocessable("a cluster with the name " + name + " already exists");
        }
        String engine = Json.text(body, "engine");
        if (engine == null || !List.of("pg", "mysql", "redis", "valkey", "mongodb", "kafka", "opensearch").contains(engine)) {
            throw ApiError.unprocessable("engine is invalid");
        }
        String region = Json.text(body, "region");
        if (region == null || !REGIONS.containsKey(region)) {
            throw ApiError.unprocessable("region is invalid");
        }
        String size = Json.text(body, "size");
        if (size == null || size.isEmpty()) {
            throw ApiError.unprocessable("size is required");
        }
        int nodes = body.path("num_nodes").asInt(1);
        String network = Json.text(body, "private_network_uuid");
        if (network != null && !network.isEmpty()) {
            Vpc v = vpcs.get(network);
            if (v == null || !v.region.equals(region)) {
                throw ApiError.unprocessable("private_network_uuid does not name a VPC in " + region);
            }
        } else {
            network = defaultVpc(region).id;
        }
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText()));
        String version = Json.text(body, "version");
        Database db = new Database(UUID.randomUUID().toString(), name, engine,
                version == null || version.isEmpty() ? defaultVersion(engine) : version, size, region, nodes, network,
                tags, now(), password());
        db.pollsToOnline = faults.pollsFor("database", config.pollsToOnline());
        db.users.put("doadmin", db.adminPassword);
        databases.put(db.id, db);
        for (JsonNode rule : body.path("rules")) {
            db.firewall.add(firewallRule(db, rule));
        }
        return db;
    }

    private static String defaultVersion(String engine) {
        return switch (engine) {
            case "pg" -> "17";
            case "mysql" -> "8";
            case "mongodb" -> "7.0";
            default -> "7";
        };
    }

    /** A generated password in the form DigitalOcean's managed databases use. */
    private String password() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder("AVNS_");
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    synchronized Database pollDatabase(String id) {
        Database db = database(id);
        if ("creating".equals(db.status) && --db.pollsToOnline <= 0) {
            db.status = "online";
        }
        return db;
    }

    synchronized Database database(String id) {
        Database db = databases.get(id);
        if (db == null) {
            throw ApiError.notFound();
        }
        return db;
    }

    synchronized void deleteDatabase(String id) {
        database(id);
        databases.remove(id);
    }

    synchronized String createDb(String clusterId, JsonNode body) {
        Database db = database(clusterId);
        String name = Json.text(body, "name");
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,63}")) {
            throw ApiError.unprocessable("name is invalid");
        }
        if (db.dbs.contains(name)) {
            throw ApiError.unprocessable("database " + name + " already exists");
        }
        requireOnline(db);
        db.dbs.add(name);
        return name;
    }

    synchronized String db(String clusterId, String name) {
        if (!database(clusterId).dbs.contains(name)) {
            throw ApiError.notFound();
        }
        return name;
    }

    synchronized void deleteDb(String clusterId, String name) {
        db(clusterId, name);
        database(clusterId).dbs.remove(name);
    }

    synchronized Map.Entry<String, String> createUser(String clusterId, JsonNode body) {
        Database db = database(clusterId);
        String name = Json.text(body, "name");
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,63}")) {
            throw ApiError.unprocessable("name is invalid");
        }
        if (db.users.containsKey(name)) {
            throw ApiError.unprocessable("user " + name + " already exists");
        }
        requireOnline(db);
        db.users.put(name, password());
        return Map.entry(name, db.users.get(name));
    }

    private static void requireOnline(Database db) {
        if (!"online".equals(db.status)) {
            throw new ApiError(412, "precondition_failed", "the cluster is not online yet");
        }
    }

    synchronized Map.Entry<String, String> user(String clusterId, String name) {
        Database db = database(clusterId);
        if (!db.users.containsKey(name)) {
            throw ApiError.notFound();
        }
        return Map.entry(name, db.users.get(name));
    }

    synchronized Map.Entry<String, String> resetUserPassword(String clusterId, String name) {
        user(clusterId, name);
        database(clusterId).users.put(name, password());
        return user(clusterId, name);
    }

    synchronized void deleteUser(String clusterId, String name) {
        user(clusterId, name);
        if ("doadmin".equals(name)) {
            throw new ApiError(403, "forbidden", "the admin user can not be deleted");
        }
        database(clusterId).users.remove(name);
    }

    synchronized List<ObjectNode> firewall(String clusterId) {
        return database(clusterId).firewall;
    }

    synchronized void replaceFirewall(String clusterId, JsonNode body) {
        Database db = database(clusterId);
        if (!body.path("rules").isArray()) {
            throw ApiError.unprocessable("rules is required");
        }
        List<ObjectNode> rules = new ArrayList<>();
        for (JsonNode rule : body.path("rules")) {
            rules.add(firewallRule(db, rule));
        }
        db.firewall.clear();
        db.firewall.addAll(rules);
    }

    private ObjectNode firewallRule(Database db, JsonNode rule) {
        String type = Json.text(rule, "type");
        String value = Json.text(rule, "value");
        if (type == null || !List.of("ip_addr", "droplet", "k8s", "tag", "app").contains(type)) {
            throw ApiError.unprocessable("rule type must be one of ip_addr, droplet, k8s, tag, app");
        }
        if (value == null || value.isEmpty()) {
            throw ApiError.unprocessable("rule value is required");
        }
        String uuid = Json.text(rule, "uuid");
        Instant created = now();
        for (ObjectNode old : db.firewall) {
            if (old.path("uuid").asText().equals(uuid)) {
                created = Instant.parse(old.path("created_at").asText());
            }
        }
        return Json.obj().put("uuid", uuid == null || uuid.isEmpty() ? UUID.randomUUID().toString() : uuid)
                .put("cluster_uuid", db.id).put("type", type).put("value", value).put("created_at", created.toString());
    }

    // ---------------------------------------------------------------- broken releases

    synchronized void markBroken(String release, boolean broken) {
        if (broken) {
            brokenReleases.add(release);
        } else {
            brokenReleases.remove(release);
        }
    }

    synchronized boolean isBroken(String release) {
        return release != null && brokenReleases.contains(release);
    }

    // ---------------------------------------------------------------- helpers

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.createDirectories(to);
            if (from == null || !Files.isDirectory(from)) {
                return;
            }
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- JSON, as DigitalOcean writes it

    synchronized ObjectNode json(Droplet d) {
        ObjectNode s = size(d.size);
        ObjectNode o = Json.obj().put("id", d.id).put("name", d.name).put("memory", s.get("memory").asInt())
                .put("vcpus", s.get("vcpus").asInt()).put("disk", s.get("disk").asInt()).put("locked", locked(d))
                .put("status", d.status).putNull("kernel").put("created_at", d.createdAt.toString());
        o.set("features", Json.strings(List.of("droplet_agent", "private_networking")));
        o.set("backup_ids", Json.arr());
        o.putNull("next_backup_window");
        o.set("snapshot_ids", Json.longs(d.snapshotIds));
        o.set("image", json(d.image));
        o.set("volume_ids", Json.arr());
        o.set("size", s);
        o.put("size_slug", d.size);
        ObjectNode networks = Json.obj();
        ArrayNode v4 = Json.arr();
        if (!"new".equals(d.status)) {
            if (d.privateIp != null) {
                v4.add(Json.obj().put("ip_address", d.privateIp).put("netmask", "255.255.240.0")
                        .put("gateway", d.privateIp.substring(0, d.privateIp.lastIndexOf('.')) + ".1")
                        .put("type", "private"));
            }
            v4.add(Json.obj().put("ip_address", d.publicIp).put("netmask", "255.255.0.0")
                    .put("gateway", d.publicIp.substring(0, d.publicIp.lastIndexOf('.')) + ".1").put("type", "public"));
        }
        networks.set("v4", v4);
        networks.set("v6", Json.arr());
        o.set("networks", networks);
        o.set("region", region(d.region));
        o.set("tags", Json.strings(d.tags));
        o.put("vpc_uuid", d.vpcUuid);
        return o;
    }

    static ObjectNode json(Image i) {
        ObjectNode o = Json.obj().put("id", i.id).put("name", i.name).put("distribution", i.distribution);
        if (i.slug == null) {
            o.putNull("slug");
        } else {
            o.put("slug", i.slug);
        }
        o.put("public", i.publicImage);
        o.set("regions", Json.strings(i.regions));
        o.put("created_at", i.createdAt.toString()).put("type", i.type).put("min_disk_size", 25)
                .put("size_gigabytes", i.publicImage ? 0.0 : 2.36).put("description", "");
        o.set("tags", Json.arr());
        o.put("status", "available").put("error_message", "");
        return o;
    }

    /** An image as {@code /v2/snapshots} lists it: the id is a string there. */
    static ObjectNode snapshotJson(Image i) {
        ObjectNode o = Json.obj().put("id", Long.toString(i.id)).put("name", i.name)
                .put("created_at", i.createdAt.toString());
        o.set("regions", Json.strings(i.regions));
        o.put("resource_id", i.sourceDropletId == null ? "" : Long.toString(i.sourceDropletId))
                .put("resource_type", "droplet").put("min_disk_size", 25).put("size_gigabytes", 2.36);
        o.set("tags", Json.arr());
        return o;
    }

    static ObjectNode json(Action a) {
        ObjectNode o = Json.obj().put("id", a.id).put("status", a.status).put("type", a.type)
                .put("started_at", a.startedAt.toString());
        if (a.completedAt == null) {
            o.putNull("completed_at");
        } else {
            o.put("completed_at", a.completedAt.toString());
        }
        o.put("resource_id", a.resourceId).put("resource_type", a.resourceType);
        if (a.region != null) {
            o.set("region", region(a.region));
            o.put("region_slug", a.region);
        } else {
            o.putNull("region");
            o.putNull("region_slug");
        }
        return o;
    }

    static ObjectNode json(Key k) {
        return Json.obj().put("id", k.id()).put("fingerprint", k.fingerprint()).put("public_key", k.publicKey())
                .put("name", k.name());
    }

    static ObjectNode json(Vpc v) {
        ObjectNode o = Json.obj().put("id", v.id).put("urn", "do:vpc:" + v.id).put("name", v.name)
                .put("description", v.description == null ? "" : v.description).put("region", v.region)
                .put("ip_range", v.ipRange).put("created_at", v.createdAt.toString()).put("default", v.isDefault);
        return o;
    }

    synchronized ObjectNode json(ReservedIp r) {
        ObjectNode o = Json.obj().put("ip", r.ip);
        o.set("region", region(r.region));
        Droplet d = r.dropletId == null ? null : droplets.get(r.dropletId);
        if (d == null) {
            o.putNull("droplet");
        } else {
            o.set("droplet", json(d));
        }
        o.put("locked", actions.values().stream().anyMatch(a -> a.resourceKey.equals(r.ip)
                && "reserved_ip".equals(a.resourceType) && "in-progress".equals(a.status)));
        o.put("project_id", "f7e8c5a2-13b4-4c7d-9e21-0a6b5c4d3e2f");
        return o;
    }

    static ObjectNode json(Domain d) {
        return Json.obj().put("name", d.name).put("ttl", 1800).put("zone_file", "");
    }

    synchronized ObjectNode json(Database db) {
        ObjectNode o = Json.obj().put("id", db.id).put("name", db.name).put("engine", db.engine)
                .put("version", db.version);
        String host = db.name + "-do-user-1-0.db.ondigitalocean.invalid";
        o.set("connection", connection(db, host, "doadmin", db.adminPassword));
        o.set("private_connection", connection(db, "private-" + host, "doadmin", db.adminPassword));
        ArrayNode users = Json.arr();
        db.users.forEach((name, password) -> users.add(userJson(name, password)));
        o.set("users", users);
        o.set("db_names", Json.strings(db.dbs));
        o.put("num_nodes", db.nodes).put("region", db.region).put("status", db.status)
                .put("created_at", db.createdAt.toString());
        o.set("maintenance_window", Json.obj().put("day", "tuesday").put("hour", "01:00:00").put("pending", false)
                .set("description", Json.arr()));
        o.put("size", db.size);
        o.set("tags", Json.strings(db.tags));
        o.put("private_network_uuid", db.privateNetworkUuid).put("project_id", "f7e8c5a2-13b4-4c7d-9e21-0a6b5c4d3e2f")
                .put("storage_size_mib", 10240);
        o.set("metrics_endpoints", Json.arr());
        return o;
    }

    private static ObjectNode connection(Database db, String host, String user, String password) {
        String protocol = switch (db.engine) {
            case "pg" -> "postgresql";
            case "mysql" -> "mysql";
            case "mongodb" -> "mongodb+srv";
            case "redis", "valkey" -> "rediss";
            default -> "https";
        };
        int port = "mongodb".equals(db.engine) ? 27017 : 25060;
        String database = "pg".equals(db.engine) ? "defaultdb" : "mysql".equals(db.engine) ? "defaultdb" : "";
        return Json.obj().put("protocol", protocol)
                .put("uri", protocol + "://" + user + ":" + password + "@" + host + ":" + port + "/" + database
                        + "?sslmode=require")
                .put("database", database).put("host", host).put("port", port).put("user", user)
                .put("password", password).put("ssl", true);
    }

    static ObjectNode userJson(String name, String password) {
        return Json.obj().put("name", name).put("role", "doadmin".equals(name) ? "primary" : "normal")
                .put("password", password);
    }
}
