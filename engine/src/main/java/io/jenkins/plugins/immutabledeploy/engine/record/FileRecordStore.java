package io.jenkins.plugins.immutabledeploy.engine.record;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    private final Path root;

    /**
     * @param root the folder that holds the records
     */
    public FileRecordStore(Path root) {
        this.root = root;
    }

    /** @return the folder that holds the records */
    public Path root() {
        return root;
    }

    @Override
    public String save(DeploymentRecord record) {
        Path folder = folder(record.dir(), record.workspace());
        Path file = folder.resolve(record.id() + ".json");
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, ".record", ".tmp");
            Files.writeString(tmp, Json.writePretty(record.toMap()), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngineException("Could not write the deployment record " + file + ": " + e.getMessage(), e);
        }
        return file.toString();
    }

    @Override
    public List<DeploymentRecord> list(String dir, String workspace) {
        Path folder = folder(dir, workspace);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<DeploymentRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Reads one record file.
     *
     * @param file the file
     * @return the record
     * @throws EngineException when the file is not a record
     */
    public static DeploymentRecord read(Path file) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
            return fromMap(m);
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
