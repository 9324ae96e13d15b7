package hudson;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Stand-in: a file on the machine that runs the build; always local here. */
public final class FilePath {
    private final File file;

    public FilePath(File localPath) {
        this.file = localPath.getAbsoluteFile();
    }

    public FilePath(FilePath base, String rel) {
        this(new File(base.file, rel));
    }

    public String getRemote() {
        return file.getPath();
    }

    public String getName() {
        return file.getName();
    }

    public FilePath child(String relOrAbsolute) {
        File f = new File(relOrAbsolute);
        return new FilePath(f.isAbsolute() ? f : new File(file, relOrAbsolute));
    }

    public FilePath sibling(String rel) {
        return new FilePath(new File(file.getParentFile(), rel));
    }

    public boolean isRemote() {
        return false;
    }

    public boolean exists() throws IOException, InterruptedException {
        return file.exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return file.isDirectory();
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(file.toPath());
    }

    public boolean delete() throws IOException, InterruptedException {
        return Files.deleteIfExists(file.toPath());
    }

    public List<FilePath> list() throws IOException, InterruptedException {
        List<FilePath> out = new ArrayList<>();
        if (file.isDirectory()) {
            try (Stream<java.nio.file.Path> s = Files.list(file.toPath())) {
                s.sorted().forEach(p -> out.add(new FilePath(p.toFile())));
            }
        }
        return out;
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(file.toPath(), Charset.defaultCharset());
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        Files.createDirectories(file.toPath().getParent());
        Files.writeString(file.toPath(), content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    @Override
    public String toString() {
        return getRemote();
    }
}
