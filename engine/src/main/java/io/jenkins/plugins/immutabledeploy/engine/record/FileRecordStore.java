package io.jenkins.plugins.immutabledeploy.engine.record;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
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

    private static DeploymentRecord parse(String file, String json) {
        try {
            return DeploymentRecord.fromMap(Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException | RuntimeException e) {
            throw new EngineException("Could not read the deployment record " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest successful record of every configuration and workspace under the root
     * ({@code <root>/<dir>/<workspace>/<id>.json}); a missing root has none.
     *
     * @throws EngineException when the folder cannot be read or a record is broken (better to stop than to prune an
     *     image a record we could not read protects)
     */
    @Override
    public List<DeploymentRecord> deployedNow() {
        List<DeploymentRecord> out = new ArrayList<>();
        try {
            // Listing a missing folder or a file gives nothing, so stray files are passed over without a question
            // more to that machine. A configuration folder is kept under its last path element, so its folder name
            // finds it again; the same holds for the workspace.
            for (String dir : files.list(root.toString())) {
                for (String ws : files.list(root.resolve(dir).toString())) {
                    previousSuccessful(dir, ws, null).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new EngineException("Could not read the deployment records in " + root + ": " + e.getMessage(), e);
        }
        return out;
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
