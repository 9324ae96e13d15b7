package io.jenkins.plugins.immutabledeploy.engine.record;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps records as JSON files: {@code <root>/<dir-name>/<workspace>/<id>.json}. Ids start with the
 * time, so file names sort oldest to newest. Files are written to a temporary name and moved into
 * place, so a reader never sees half a record.
 */
public final class FileRecordStore implements RecordStore {
    /** The CLI's default root, relative to the working directory. */
    public static final String DEFAULT_ROOT = ".immutable-deploy/records";

    private static final java.time.format.DateTimeFormatter ID_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final HostFiles files;
    private final Path root;

    /**
     * @param root the folder that holds the records, on this machine
     */
    public FileRecordStore(Path root) {
        this(HostFiles.local(), root);
    }

    /**
     * Records read on the machine the tools ran on (in Jenkins, often an agent). Only a store on this machine
     * ({@link HostFiles#local()}) saves: the CLI writes records where it runs.
     *
     * @param files that machine's file system
     * @param root the folder that holds the records there
     */
    public FileRecordStore(HostFiles files, Path root) {
        this.files = Objects.requireNonNull(files, "files");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** @return the folder that holds the records */
    public Path root() {
        return root;
    }

    @Override
    public String save(DeploymentRecord record) {
        if (files != HostFiles.local()) {
            throw new UnsupportedOperationException("records are saved only on this machine; this store reads " + root
                    + " on another one");
        }
        Path folder = folder(record.dir(), record.workspace());
        Path file = folder.resolve(record.id() + ".json");
        try {
            Files.createDirectories(folder);
            AtomicWrite.writeString(file, Json.writePretty(record.toMap()));
        } catch (IOException e) {
            throw new EngineException("Could not write the deployment record " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    @Override
    public List<DeploymentRecord> list(String dir, String workspace) {
        String folder = folder(dir, workspace).toString();
        try {
            List<DeploymentRecord> out = new ArrayList<>();
            // Ids start with a fixed-width time, so names in reverse order are newest first. A missing
            // folder lists nothing.
            List<String> names = files.list(folder).stream().filter(n -> n.endsWith(".json"))
                    .sorted(Comparator.reverseOrder()).toList();
            for (String name : names) {
                String file = HostFiles.resolve(folder, name);
                out.add(parse(file, files.readString(file)));
            }
            return out;
        } catch (IOException e) {
            throw new EngineException("Could not read the deployment records in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one record file on this machine.
     *
     * @param file the file
     * @return the record
     * @throws EngineException when the file is not a record
     */
    public static DeploymentRecord read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EngineException("Could not read the deployment record " + file + ": " + e.getMessage(), e);
        }
    }

    private static DeploymentRecord parse(String file, String json) {
        try {
            return fromMap(Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException | RuntimeException e) {
            throw new EngineException("Could not read the deployment record " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds a record from {@link DeploymentRecord#toMap()}.
     *
     * @param m the map
     * @return the record
     */
    @SuppressWarnings("unchecked")
    public static DeploymentRecord fromMap(Map<String, Object> m) {
        Map<String, Integer> summary = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("summary", Map.of()))
                .forEach((k, v) -> summary.put(k, ((Number) v).intValue()));
        return new DeploymentRecord(
                (String) m.get("id"),
                Instant.parse((String) m.get("time")),
                (String) m.get("dir"),
                (String) m.get("workspace"),
                (String) m.get("tool"),
                (String) m.get("toolVersion"),
                (Map<String, String>) m.getOrDefault("vars", Map.of()),
                (List<String>) m.getOrDefault("varFiles", List.of()),
                (Map<String, String>) m.getOrDefault("secretVars", Map.of()),
                summary,
                (String) m.get("planChecksum"),
                (Map<String, Object>) m.getOrDefault("outputs", Map.of()),
                (String) m.get("result"),
                (String) m.get("message"));
    }

    private Path folder(String dir, String workspace) {
        String name = Path.of(dir).toAbsolutePath().normalize().getFileName() == null
                ? "root" : Path.of(dir).toAbsolutePath().normalize().getFileName().toString();
        return root.resolve(safe(name)).resolve(safe(workspace));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * A new time-ordered record id, e.g. {@code 20261124T153012.123Z-4f1c}.
     *
     * @param time the record's time
     * @return the id
     */
    public static String newId(Instant time) {
        // A fixed-width time keeps file names sorting in time order.
        return ID_TIME.format(time) + "-" + String.format("%06x", java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
