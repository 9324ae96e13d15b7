package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.FilePath;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's file port on {@link FilePath}: the files of the machine the build runs on, the controller or an
 * agent, reached through the workspace's channel.
 */
final class FilePathHostFiles implements HostFiles {
    private final FilePath workspace;

    /** @param workspace the build's workspace; its channel reaches the machine */
    FilePathHostFiles(FilePath workspace) {
        this.workspace = workspace;
    }

    @FunctionalInterface
    private interface Call<T> {
        T on(FilePath file) throws IOException, InterruptedException;
    }

    private <T> T at(String path, Call<T> call) throws IOException {
        try {
            return call.on(workspace.child(path));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while reaching " + path);
            io.initCause(e);
            throw io;
        }
    }

    @Override
    public boolean isFile(String path) throws IOException {
        return at(path, f -> f.exists() && !f.isDirectory());
    }

    @Override
    public boolean isDirectory(String path) throws IOException {
        return at(path, FilePath::isDirectory);
    }

    @Override
    public boolean isExecutable(String path) throws IOException {
        // mode() is -1 where there are no permission bits (Windows): then any file may run.
        return at(path, f -> f.exists() && !f.isDirectory() && (f.mode() & 0111) != 0);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        // FilePath.list() is empty for a file or a missing folder: one call to the agent, not two.
        return at(dir, f -> f.list().stream().map(FilePath::getName).sorted().toList());
    }

    @Override
    public String readString(String path) throws IOException {
        // Not readToString(): that decodes with the agent's default charset; templates are UTF-8.
        return at(path, f -> {
            try (InputStream in = f.read()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    @Override
    public long lastModified(String path) throws IOException {
        return at(path, FilePath::lastModified);
    }

    @Override
    public String createPrivateDirectory(String parent, String prefix) throws IOException {
        return at(parent, f -> {
            FilePath made = f.createTempDir(prefix, null);
            // Jenkins makes it with the default permissions; the saved plan it will hold has variable values.
            made.chmod(0700);
            return made.getRemote();
        });
    }

    @Override
    public void writeString(String path, String text) throws IOException {
        at(path, f -> {
            f.write(text, "UTF-8");
            return null;
        });
    }

    @Override
    public InputStream open(String path) throws IOException {
        return at(path, FilePath::read);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        at(path, f -> {
            f.deleteRecursive();
            return null;
        });
    }
}
