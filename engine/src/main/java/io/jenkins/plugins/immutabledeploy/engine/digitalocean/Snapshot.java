package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A DigitalOcean snapshot or private image, as the API describes it.
 *
 * @param id the image id. {@code /v2/snapshots} returns it as a string and {@code /v2/images} as a
 *     number; it is kept as the decimal string either way so ids from both compare equal
 * @param name the image name
 * @param createdAt when it was created
 * @param regions the regions it is available in
 * @param minDiskSize the smallest disk, in GB, a Droplet made from it needs
 * @param sizeGigabytes the billed size of the image, in GB
 */
public record Snapshot(String id, String name, Instant createdAt, List<String> regions, int minDiskSize,
        double sizeGigabytes) implements Serializable {

    /** Checks the values and copies the region list. */
    public Snapshot {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id: a snapshot needs an id");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        name = name == null ? "" : name;
        regions = List.copyOf(regions == null ? List.of() : regions);
    }

    /**
     * Reads one element of a {@code snapshots} or {@code images} array, or an {@code image} object.
     *
     * @param node the JSON object
     * @return the snapshot
     * @throws IllegalArgumentException when {@code id} or {@code created_at} is missing or malformed
     */
    public static Snapshot fromJson(JsonNode node) {
        JsonNode id = node.path("id");
        if (id.isMissingNode() || id.isNull() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("id: missing in DigitalOcean image " + node);
        }
        Instant created;
        try {
            created = Instant.parse(node.path("created_at").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("created_at: not an ISO-8601 time in DigitalOcean image " + id.asText()
                    + ": '" + node.path("created_at").asText() + "'", e);
        }
        List<String> regions = new ArrayList<>();
        node.path("regions").forEach(r -> regions.add(r.asText()));
        return new Snapshot(id.asText(), node.path("name").asText(""), created, regions,
                node.path("min_disk_size").asInt(0), node.path("size_gigabytes").asDouble(0));
    }

    /**
     * The artifact id Packer reports for a DigitalOcean snapshot: {@code region[,region]:id}.
     *
     * @return e.g. {@code nyc3,sfo3:6372321}
     */
    public String artifactId() {
        return String.join(",", regions) + ":" + id;
    }

    /** @return the short form the prune result lists: {@code id}, {@code name}, {@code created} */
    public LinkedHashMap<String, Object> toSummaryMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("created", createdAt.toString());
        return m;
    }

    /** @return every field, with the API's key names */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("created_at", createdAt.toString());
        m.put("regions", new ArrayList<>(regions));
        m.put("min_disk_size", minDiskSize);
        m.put("size_gigabytes", sizeGigabytes);
        return m;
    }
}
