package io.jenkins.plugins.immutabledeploy.engine.packer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** Copies the Packer test resources (templates, recorded output, the fake packer) into a test's folder. */
public final class PackerTestFiles {
    private PackerTestFiles() {}

    /**
     * @param resource a path under {@code /packer/}, e.g. {@code templates/basic.pkr.hcl}
     * @param dir the folder to copy into
     * @return the copy, under the resource's file name
     */
    public static Path copy(String resource, Path dir) {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = Objects.requireNonNull(PackerTestFiles.class.getResourceAsStream("/packer/" + resource),
                "missing test resource /packer/" + resource)) {
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param resource a path under {@code /packer/}
     * @return its lines
     */
    static List<String> lines(String resource) {
        try (InputStream in = Objects.requireNonNull(PackerTestFiles.class.getResourceAsStream("/packer/" + resource),
                "missing test resource /packer/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the fake packer (resources lose their executable bit when Maven copies them).
     *
     * @param dir the folder to put it in
     * @return its path
     */
    static Path fakePacker(Path dir) {
        Path p = copy("fake/packer", dir);
        if (!p.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + p + " executable");
        }
        return p;
    }

    /**
     * Reads every regular file under a folder, to check that no secret was left behind.
     *
     * @param dir the folder
     * @return the files' contents joined
     */
    public static String everyFile(Path dir) {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sb.append(p).append('\n').append(Files.readString(p, StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
