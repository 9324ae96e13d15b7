package io.jenkins.plugins.immutabledeploy.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@link HostFiles} on this JVM's file system. */
final class LocalHostFiles implements HostFiles {
    static final LocalHostFiles INSTANCE = new LocalHostFiles();

    private LocalHostFiles() {}

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(Path.of(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    @Override
    public boolean isExecutable(String path) {
        Path p = Path.of(path);
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public String readString(String path) throws IOException {
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    @Override
    public long lastModified(String path) throws IOException {
        try {
            return Files.getLastModifiedTime(Path.of(path)).toMillis();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    @Override
    public String createPrivateDirectory(String parent, String prefix) throws IOException {
        // On POSIX systems createTempDirectory makes the folder rwx------.
        return Files.createTempDirectory(Path.of(parent), prefix).toString();
    }

    @Override
    public void writeString(String path, String text) throws IOException {
        Files.writeString(Path.of(path), text, StandardCharsets.UTF_8);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(Path.of(path));
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        Path root = Path.of(path);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
