package io.jenkins.plugins.immutabledeploy.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Port: the file system of the machine the tools run on. The engine reads templates, finds tools,
 * keeps the saved plan and reads Packer's manifest only through this, never through
 * {@code java.nio.file} directly, because in Jenkins that machine is often an agent and the
 * engine runs on the controller. Paths are absolute paths on that machine.
 *
 * <p>{@link #local()} is this JVM's own file system (the CLI and tests); the Jenkins plugin
 * implements it on {@code FilePath}.
 */
public interface HostFiles {
    /**
     * @param path a path
     * @return whether it is a regular file
     * @throws IOException when the machine cannot be asked
     */
    boolean isFile(String path) throws IOException;

    /**
     * @param path a path
     * @return whether it is a folder
     * @throws IOException when the machine cannot be asked
     */
    boolean isDirectory(String path) throws IOException;

    /**
     * @param path a path
     * @return whether it is a regular file that may be executed
     * @throws IOException when the machine cannot be asked
     */
    boolean isExecutable(String path) throws IOException;

    /**
     * @param dir a folder
     * @return the names of its entries, sorted; empty when it is not a folder
     * @throws IOException when the folder cannot be read
     */
    List<String> list(String dir) throws IOException;

    /**
     * @param path a file
     * @return its text, read as UTF-8
     * @throws IOException when it cannot be read
     */
    String readString(String path) throws IOException;

    /**
     * @param path a file
     * @return its modification time in milliseconds since the epoch, as that machine's clock says;
     *     0 when it does not exist
     * @throws IOException when the machine cannot be asked
     */
    long lastModified(String path) throws IOException;

    /**
     * Creates a new folder that only the owner can read, write and enter (mode 0700).
     *
     * @param parent the folder to create it in
     * @param prefix the start of its name
     * @return the new folder's path
     * @throws IOException when it cannot be created
     */
    String createPrivateDirectory(String parent, String prefix) throws IOException;

    /**
     * Writes a file, replacing one that is there, as UTF-8. Put files that hold anything private in
     * a folder from {@link #createPrivateDirectory}.
     *
     * @param path the file
     * @param text its text
     * @throws IOException when it cannot be written
     */
    void writeString(String path, String text) throws IOException;

    /**
     * @param path a file
     * @return its bytes; the caller closes the stream
     * @throws IOException when it cannot be opened
     */
    InputStream open(String path) throws IOException;

    /**
     * Deletes a file or a folder with everything in it; a missing path is not an error.
     *
     * @param path the path
     * @throws IOException when something could not be deleted
     */
    void deleteRecursively(String path) throws IOException;

    /**
     * A path on that machine: {@code name} inside {@code dir}, or {@code name} itself when it is absolute.
     *
     * @param dir a folder
     * @param name a name or relative path, or an absolute path
     * @return the path
     */
    static String resolve(String dir, String name) {
        return name.startsWith("/") ? name : (dir.endsWith("/") ? dir : dir + "/") + name;
    }

    /** @return this JVM's own file system */
    static HostFiles local() {
        return LocalHostFiles.INSTANCE;
    }
}
