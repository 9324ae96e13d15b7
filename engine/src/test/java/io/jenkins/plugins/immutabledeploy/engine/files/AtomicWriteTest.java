package io.jenkins.plugins.immutabledeploy.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileAndLeavesNothingBeside() throws IOException {
        Path file = dir.resolve("state.txt");
        AtomicWrite.writeString(file, "v1;false;;\n");
        AtomicWrite.writeString(file, "v1;true;\"é\";7\n");

        assertThat(file).hasContent("v1;true;\"é\";7");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("a-folder"));
        Files.writeString(target.resolve("inside"), "x");

        assertThatThrownBy(() -> AtomicWrite.writeString(target, "text")).isInstanceOf(IOException.class);
        assertThat(target).isDirectory();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(target);
        }
    }
}
