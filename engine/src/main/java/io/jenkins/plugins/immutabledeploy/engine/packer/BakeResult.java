package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What a bake produced: the image to deploy and every artifact Packer reported. Built with
 * {@link #builder()} so that callers wrapping the engine (e.g. "skip when the image already
 * exists") can describe an image they did not bake.
 */
public final class BakeResult {
    private final String artifactId;
    private final String id;
    private final String name;
    private final List<String> regions;
    private final String builder;
    private final List<PackerArtifact> builds;
    private final String packerVersion;
    private final double durationSeconds;
    private final boolean skipped;

    private BakeResult(Builder b) {
        if (b.artifactId == null || b.artifactId.isEmpty()) {
            throw new IllegalArgumentException("artifactId: the image's artifact id is required");
        }
        if (b.durationSeconds < 0 || Double.isNaN(b.durationSeconds)) {
            throw new IllegalArgumentException("durationSeconds: must be zero or more, was " + b.durationSeconds);
        }
        this.artifactId = b.artifactId;
        this.id = b.id == null || b.id.isEmpty() ? b.artifactId : b.id;
        this.name = b.name == null ? "" : b.name;
        this.regions = List.copyOf(b.regions);
        this.builder = b.builder == null ? "" : b.builder;
        this.builds = List.copyOf(b.builds);
        this.packerVersion = b.packerVersion == null ? "" : b.packerVersion;
        this.durationSeconds = b.durationSeconds;
        this.skipped = b.skipped;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the image's artifact id exactly as Packer reported it, e.g. {@code ams3:58285042} */
    public String artifactId() {
        return artifactId;
    }

    /** @return the image id: the snapshot id for DigitalOcean, else the artifact id */
    public String id() {
        return id;
    }

    /** @return the image name when known (DigitalOcean snapshot name), else empty */
    public String name() {
        return name;
    }

    /** @return the regions the image is in (DigitalOcean), else empty */
    public List<String> regions() {
        return regions;
    }

    /** @return the builder id of the image's artifact, e.g. {@code pearkes.digitalocean} (key {@code builder} in the map) */
    public String builderId() {
        return builder;
    }

    /** @return every artifact Packer reported, in the order reported */
    public List<PackerArtifact> builds() {
        return builds;
    }

    /** @return the Packer version that baked it, e.g. {@code 1.9.4}; empty when unknown */
    public String packerVersion() {
        return packerVersion;
    }

    /** @return how long the bake took, in seconds */
    public double durationSeconds() {
        return durationSeconds;
    }

    /** @return whether the bake was skipped because the image already existed */
    public boolean skipped() {
        return skipped;
    }

    /**
     * One line naming the image, for logs and summaries.
     *
     * @return e.g. {@code image 58285042 'app-v1' in ams3 (artifact ams3:58285042, builder pearkes.digitalocean)}
     */
    public String describe() {
        return "image " + id + (name.isEmpty() ? "" : " '" + name + "'")
                + (regions.isEmpty() ? "" : " in " + String.join(", ", regions))
                + " (artifact " + artifactId + (builder.isEmpty() ? "" : ", builder " + builder) + ")";
    }

    /**
     * The result as plain values: the CLI's {@code --json} object and the Pipeline step's return value.
     *
     * @return keys {@code artifactId}, {@code id}, {@code name}, {@code regions}, {@code builder},
     *     {@code builds}, {@code packerVersion}, {@code durationSeconds}, {@code skipped}
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("artifactId", artifactId);
        m.put("id", id);
        m.put("name", name);
        m.put("regions", new ArrayList<>(regions));
        m.put("builder", builder);
        List<Object> list = new ArrayList<>();
        builds.forEach(a -> list.add(a.toMap()));
        m.put("builds", list);
        m.put("packerVersion", packerVersion);
        m.put("durationSeconds", durationSeconds);
        m.put("skipped", skipped);
        return m;
    }

    @Override
    public String toString() {
        return "BakeResult" + toMap();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BakeResult r && toMap().equals(r.toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(artifactId, id, builds);
    }

    /** Builds a {@link BakeResult}. */
    public static final class Builder {
        private String artifactId;
        private String id;
        private String name;
        private final List<String> regions = new ArrayList<>();
        private String builder;
        private final List<PackerArtifact> builds = new ArrayList<>();
        private String packerVersion;
        private double durationSeconds;
        private boolean skipped;

        private Builder() {}

        /**
         * @param artifactId the raw artifact id (required)
         * @return this builder
         */
        public Builder artifactId(String artifactId) {
            this.artifactId = artifactId;
            return this;
        }

        /**
         * @param id the image id; defaults to the artifact id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @param name the image name, or null when unknown
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param regions the image's regions (replaces any set before)
         * @return this builder
         */
        public Builder regions(List<String> regions) {
            this.regions.clear();
            this.regions.addAll(regions);
            return this;
        }

        /**
         * @param builder the builder id
         * @return this builder
         */
        public Builder builderId(String builder) {
            this.builder = builder;
            return this;
        }

        /**
         * @param artifact one artifact Packer reported
         * @return this builder
         */
        public Builder addBuild(PackerArtifact artifact) {
            builds.add(Objects.requireNonNull(artifact, "artifact"));
            return this;
        }

        /**
         * @param version the Packer version
         * @return this builder
         */
        public Builder packerVersion(String version) {
            this.packerVersion = version;
            return this;
        }

        /**
         * @param seconds how long the bake took
         * @return this builder
         */
        public Builder durationSeconds(double seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        /**
         * @param skipped whether the bake was skipped because the image already existed
         * @return this builder
         */
        public Builder skipped(boolean skipped) {
            this.skipped = skipped;
            return this;
        }

        /**
         * @return the result
         * @throws IllegalArgumentException when the artifact id is missing or the duration negative
         */
        public BakeResult build() {
            return new BakeResult(this);
        }
    }
}
