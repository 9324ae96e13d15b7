package io.jenkins.plugins.immutabledeploy.engine.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file on this machine so that a reader, or the next start after a crash, sees the old text or the new. */
public final class AtomicWrite {
    private AtomicWrite() {}

    /**
     * Writes the text to a new file beside the target (readable by the owner only) and moves it over the target.
     *
     * @param file the file to write; its folder must exist
     * @param text the whole new content, written as UTF-8
     * @throws IOException when it cannot be written; the target is then unchanged and no temporary file is left
     */
    public static void writeString(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
