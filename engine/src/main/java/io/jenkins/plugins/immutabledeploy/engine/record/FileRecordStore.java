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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps records as JSON files, one folder per configuration and workspace:
 * {@code <root>/<folder name>-<8 hex digits>/<workspace>/<id>.json}, where the hex digits are the start of the SHA-256
 * of the configuration's absolute path, so {@code envs/prod/app} and {@code envs/staging/app} never share a folder.
 * Each record names its configuration's path too, and a record whose path is not the one asked for is never
 * returned. Ids start with the time, so file names sort oldest to newest. Files are written to a temporary name and
 * moved into place, so a reader never sees half a record.
 *
 * <p>Records written before (in {@code <root>/<folder name>/<workspace>/}, one folder for every configuration of that
 * name) are still read: each names its configuration folder as it was given, and is returned only when that folder,
 * resolved against {@link #base()} as the CLI resolved it, is the one asked for. A record whose folder was given
 * relative to another working folder is therefore not found, rather than taken for another configuration's.
 */
public final class FileRecordStore implements RecordStore {
    /** The CLI's default root, relative to the working directory. */
    public static final String DEFAULT_ROOT = ".immutable-deploy/records";

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final HostFiles files;
    private final Path root;
    private final Path base;

    /**
     * @param root the folder that holds the records, on this machine; relative configuration folders are resolved
     *     against the working directory
     */
    public FileRecordStore(Path root) {
        this(HostFiles.local(), root, Path.of("").toAbsolutePath());
    }

    /**
     * Records read on the machine the tools ran on (in Jenkins, often an agent). Only a store on this machine
     * ({@link HostFiles#local()}) saves: the CLI writes records where it runs.
     *
     * @param files that machine's file system
     * @param root the folder that holds the records there
     * @param base the folder the CLI ran in there: relative configuration folders are resolved against it
     */
    public FileRecordStore(HostFiles files, Path root, Path base) {
        this.files = Objects.requireNonNull(files, "files");
        this.root = Objects.requireNonNull(root, "root");
        this.base = Objects.requireNonNull(base, "base");
    }

    /** @return the folder relative configuration folders are resolved against */
    public Path base() {
        return base;
    }

    /**
     * Saves the record in its configuration's folder.
     *
     * @return the record's id
     */
    @Override
    public String save(DeploymentRecord record) {
        write(record);
        return record.id();
    }

    /** Writes the record over the one with its id: a verdict of the checks, the release's outcome. */
    @Override
    public void update(DeploymentRecord record) {
        write(record);
    }

    /**
     * @param record a record
     * @return the file it is kept in
     */
    public Path file(DeploymentRecord record) {
        return folder(pathOf(record), record.workspace()).resolve(record.id() + ".json");
    }

    private void write(DeploymentRecord record) {
        if (files != HostFiles.local()) {
            throw new UnsupportedOperationException("records are saved only on this machine; this store reads " + root
                    + " on another one");
        }
        Path file = file(record);
        try {
            Files.createDirectories(file.getParent());
            AtomicWrite.writeString(file, Json.writePretty(record.toMap()));
        } catch (IOException e) {
            throw new EngineException("Could not write the deployment record " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DeploymentRecord> list(String dir, String workspace) {
        String path = absolute(dir);
        Map<String, DeploymentRecord> byId = new LinkedHashMap<>();
        // The configuration's own folder first: a record updated there wins over its copy in the old layout.
        for (DeploymentRecord r : read(folder(path, workspace))) {
            if (path.equals(pathOf(r)) && workspace.equals(r.workspace())) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        for (DeploymentRecord r : read(legacyFolder(path, workspace))) {
            if (path.equals(pathOf(r)) && workspace.equals(r.workspace())) {
                byId.putIfAbsent(r.id(), r);
            }
        }
        List<DeploymentRecord> out = new ArrayList<>(byId.values());
        // Ids start with a fixed-width time: in reverse order they are newest first.
        out.sort(Comparator.comparing(DeploymentRecord::id).reversed());
        return out;
    }

    /**
     * The newest successful record of every configuration and workspace under the root, in either layout; a missing
     * root has none.
     *
     * @throws EngineException when the folder cannot be read or a record is broken (better to stop than to prune an
     *     image a record we could not read protects)
     */
    @Override
    public List<DeploymentRecord> deployedNow() {
        List<DeploymentRecord> all = new ArrayList<>();
        try {
            // Listing a missing folder or a file gives nothing, so stray files are passed over.
            for (String config : files.list(root.toString())) {
                for (String ws : files.list(root.resolve(config).toString())) {
                    for (DeploymentRecord r : read(root.resolve(config).resolve(ws))) {
                        all.add(withPath(r));
                    }
                }
            }
        } catch (IOException e) {
            throw new EngineException("Could not read the deployment records in " + root + ": " + e.getMessage(), e);
        }
        return DeploymentRecord.newestSuccessful(all);
    }

    /** An old record without a path gets the one its folder resolves to, so it is told apart by it. */
    private DeploymentRecord withPath(DeploymentRecord r) {
        if (r.path() != null) {
            return r;
        }
        return new DeploymentRecord(r.id(), r.time(), r.dir(), r.workspace(), r.tool(), r.toolVersion(), r.vars(),
                r.varFiles(), r.secretVars(), r.summary(), r.planChecksum(), r.outputs(), r.result(), r.message(),
                pathOf(r), r.job(), r.variables(), r.image(), r.candidate(), r.phase(), r.changes(), r.verifications(),
                r.outcome(), r.restoreSeconds());
    }

    private List<DeploymentRecord> read(Path folder) {
        try {
            List<DeploymentRecord> out = new ArrayList<>();
            for (String name : files.list(folder.toString())) {
                if (name.endsWith(".json")) {
                    String file = HostFiles.resolve(folder.toString(), name);
                    out.add(parse(file, files.readString(file)));
                }
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

    private String pathOf(DeploymentRecord r) {
        return r.path() != null ? r.path() : absolute(r.dir());
    }

    private String absolute(String dir) {
        return base.resolve(dir).normalize().toString();
    }

    private Path folder(String absolutePath, String workspace) {
        return root.resolve(safe(name(absolutePath)) + "-" + hash(absolutePath)).resolve(safe(workspace));
    }

    private Path legacyFolder(String absolutePath, String workspace) {
        return root.resolve(safe(name(absolutePath))).resolve(safe(workspace));
    }

    private static String name(String absolutePath) {
        Path name = Path.of(absolutePath).getFileName();
        return name == null ? "root" : name.toString();
    }

    private static String hash(String absolutePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(absolutePath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * A new time-ordered record id, e.g. {@code 20261124T153012.123Z-4f1c0a}.
     *
     * @param time the record's time
     * @return the id
     */
    public static String newId(Instant time) {
        // A fixed-width time keeps file names sorting in time order.
        return ID_TIME.format(time) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

}
