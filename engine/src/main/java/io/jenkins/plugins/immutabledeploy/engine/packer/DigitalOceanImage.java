package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DigitalOcean snapshot artifact says about the image. Packer's DigitalOcean builder
 * reports the id as {@code region[,region...]:snapshotId} (e.g. {@code ams3:58285042}) and
 * describes it as {@code A snapshot was created: 'name' (ID: 58285042) in regions 'ams3'}.
 *
 * @param id the snapshot id, e.g. {@code 58285042}
 * @param regions the regions the snapshot is in
 * @param name the snapshot name, or empty when the description does not carry it
 */
public record DigitalOceanImage(String id, List<String> regions, String name) {
    private static final Pattern ID = Pattern.compile("([a-z0-9-]+(?:,[a-z0-9-]+)*):(\\d+)");
    private static final Pattern STRING =
            Pattern.compile("A snapshot was created: '(.*)' \\(ID: (\\d+)\\) in regions '([^']*)'", Pattern.DOTALL);

    /** Copies the regions. */
    public DigitalOceanImage {
        regions = List.copyOf(regions);
    }

    /**
     * Reads a DigitalOcean artifact.
     *
     * @param artifact any artifact
     * @return the image, or null when the artifact is not a DigitalOcean snapshot
     */
    public static DigitalOceanImage of(PackerArtifact artifact) {
        Matcher id = ID.matcher(artifact.id());
        Matcher s = STRING.matcher(artifact.description());
        boolean described = s.find();
        boolean fromDo = artifact.builderId().contains("digitalocean");
        if (id.matches() && (fromDo || described)) {
            String name = described && s.group(2).equals(id.group(2)) ? s.group(1) : "";
            return new DigitalOceanImage(id.group(2), List.of(id.group(1).split(",")), name);
        }
        if (described) {
            // An id Packer did not print in the usual form: the description still names everything.
            return new DigitalOceanImage(s.group(2), List.of(s.group(3).split(",")), s.group(1));
        }
        return null;
    }
}
