package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * One artifact Packer reported for a build: the image, file or snapshot it created.
 *
 * @param build the build's name as Packer prints it, e.g. {@code digitalocean.app} or {@code null.one}
 * @param builderId the builder's id, e.g. {@code pearkes.digitalocean}
 * @param id the artifact id exactly as Packer reports it, e.g. {@code ams3:58285042}
 * @param description Packer's human-readable description of the artifact
 * @param files the files the artifact consists of, if any
 */
public record PackerArtifact(String build, String builderId, String id, String description, List<String> files) {
    /** Copies the file list and refuses nulls. */
    public PackerArtifact {
        Objects.requireNonNull(build, "build");
        builderId = builderId == null ? "" : builderId;
        id = id == null ? "" : id;
        description = description == null ? "" : description;
        files = List.copyOf(files == null ? List.of() : files);
    }

    /**
     * The artifact as a map of plain values, as returned to pipelines.
     *
     * @return keys {@code build}, {@code builderId}, {@code id}, {@code string}, {@code files}
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("build", build);
        m.put("builderId", builderId);
        m.put("id", id);
        m.put("string", description);
        m.put("files", new ArrayList<>(files));
        return m;
    }
}
