package io.jenkins.plugins.immutabledeploy.engine.packer;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The file Packer's {@code manifest} post-processor writes. It accumulates the builds of every run;
 * only those of {@code last_run_uuid} belong to the run that just finished.
 */
final class PackerManifest {
    private PackerManifest() {}

    /** One build recorded in the manifest. */
    record Build(String name, String builderType, String artifactId, List<String> files) {
        /** @return whether this entry describes the build Packer's output calls {@code build} */
        boolean describes(String build) {
            return build.equals(name) || build.equals(builderType + "." + name);
        }

        /** @return the build's name as Packer prints it */
        String qualifiedName() {
            return builderType.isEmpty() ? name : builderType + "." + name;
        }
    }

    /**
     * Reads the builds of the last run.
     *
     * @param host the file system Packer ran on
     * @param file the manifest file there
     * @return the last run's builds; empty when the file is missing or not a manifest
     */
    static List<Build> lastRun(HostFiles host, String file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(host.readString(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Build> out = new ArrayList<>();
        if (root == null || !root.path("builds").isArray()) {
            return out;
        }
        String last = root.path("last_run_uuid").asText("");
        for (JsonNode b : root.path("builds")) {
            if (last.isEmpty() || !last.equals(b.path("packer_run_uuid").asText())) {
                continue;
            }
            List<String> files = new ArrayList<>();
            for (JsonNode f : b.path("files")) {
                String n = f.path("name").asText("");
                if (!n.isEmpty()) {
                    files.add(n);
                }
            }
            String id = b.path("artifact_id").asText("");
            if (!id.isEmpty()) {
                out.add(new Build(b.path("name").asText(""), b.path("builder_type").asText(""), id, files));
            }
        }
        return out;
    }

    /**
     * Merges the manifest's builds into the artifacts read from Packer's output. Where both
     * describe a build, the manifest's id and files win (it is written from the final artifact of
     * the post-processor chain); builds only the manifest knows are added.
     *
     * @param streamed artifacts from the output, in order
     * @param manifest the last run's builds
     * @return the merged artifacts
     */
    static List<PackerArtifact> merge(List<PackerArtifact> streamed, List<Build> manifest) {
        List<PackerArtifact> out = new ArrayList<>(streamed);
        for (Build b : manifest) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (b.describes(out.get(i).build())) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                out.add(new PackerArtifact(b.qualifiedName(), b.builderType(), b.artifactId(), "", b.files()));
            } else {
                PackerArtifact a = out.get(at);
                out.set(at, new PackerArtifact(a.build(), a.builderId(), b.artifactId(), a.description(),
                        b.files().isEmpty() ? a.files() : b.files()));
            }
        }
        return out;
    }
}
