package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stand-in: a file on the machine that runs the build. Its files are always on this machine's disk; one made
 * with a channel says it is remote, as a path on an agent does, so tests can take the remote code path.
 */
public final class FilePath {
    private final VirtualChannel channel;
    private final File file;

    public FilePath(VirtualChannel channel, String remote) {
        this.channel = channel;
        this.file = new File(remote).getAbsoluteFile();
    }

    public FilePath(File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(FilePath base, String rel) {
        this(base.channel, new File(rel).isAbsolute() ? rel : new File(base.file, rel).getPath());
    }

    public String getRemote() {
        return file.getPath();
    }

    public String getName() {
        return file.getName();
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public FilePath sibling(String rel) {
        return new FilePath(channel, new File(file.getParentFile(), rel).getPath());
    }

    public boolean isRemote() {
        return channel != null;
    }

    /** Upstream: runs the callable through the channel when remote, else in this thread. */
    public <V, E extends Throwable> V act(hudson.remoting.Callable<V, E> callable) throws IOException, InterruptedException, E {
        return channel != null ? channel.call(callable) : callable.call();
    }

    public long lastModified() throws IOException, InterruptedException {
        return file.lastModified();
    }

    /** Upstream: the POSIX permission bits, or -1 on Windows. */
    public int mode() throws IOException, InterruptedException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(file.toPath())) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    public void chmod(int mask) throws IOException, InterruptedException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mask & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        Files.setPosixFilePermissions(file.toPath(), perms);
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(file.toPath());
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        if (!file.exists()) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(file.toPath())) {
            for (java.nio.file.Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Upstream: a new folder named {@code prefix.suffix…} in this one, with the default permissions. */
    public FilePath createTempDir(String prefix, String suffix) throws IOException, InterruptedException {
        String name = prefix + "." + (suffix == null || suffix.isBlank() ? "tmp" : suffix);
        java.nio.file.Path made = Files.createTempDirectory(file.toPath(), name,
                PosixFilePermissions.asFileAttribute(EnumSet.allOf(PosixFilePermission.class)));
        return new FilePath(channel, made.toString());
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
                s.sorted().forEach(p -> out.add(new FilePath(channel, p.toString())));
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
