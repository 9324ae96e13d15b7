package io.jenkins.plugins.immutabledeploy.engine.testing;

import io.jenkins.plugins.immutabledeploy.engine.process.ToolLocator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real Packer and OpenTofu for tests: the folder named by {@code IMMUTABLE_DEPLOY_TOOLS},
 * else {@code .tools/bin} in the checkout. A missing tool fails the test with the command that
 * installs it; tests that need the real tools never skip silently.
 */
public final class TestTools {
    private TestTools() {}

    /** @return the pinned Packer */
    public static Path packer() {
        return tool("packer");
    }

    /** @return the pinned OpenTofu */
    public static Path tofu() {
        return tool("tofu");
    }

    /**
     * The folder scripts/install-tools.sh lays Packer's DigitalOcean plugin out in, beside the tools
     * folder: what {@code PACKER_PLUGIN_PATH} names for Packer to find the plugin.
     *
     * @return the packer-plugins folder
     * @throws AssertionError saying to run scripts/install-tools.sh when the plugin is not there
     */
    public static Path packerPlugins() {
        Path dir = toolsDir().toAbsolutePath().getParent().resolve("packer-plugins");
        Path plugin = dir.resolve("github.com/digitalocean/digitalocean");
        try (var files = Files.list(plugin)) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith("_SHA256SUM"))) {
                return dir;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw new AssertionError("Packer's DigitalOcean plugin is not installed in " + plugin
                + ": run scripts/install-tools.sh");
    }

    /** @return the checkout's root folder (the one holding the parent pom and scripts/) */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/install-tools.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the immutable-deploy checkout: " + dir);
    }

    /** @return the folder holding the tools */
    public static Path toolsDir() {
        String env = System.getenv(ToolLocator.TOOLS_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : repoRoot().resolve(".tools/bin");
    }

    private static Path tool(String name) {
        return tool(toolsDir(), name);
    }

    /**
     * The seam behind {@link #packer()} and {@link #tofu()}, so the failure message can be tested.
     *
     * @param dir the folder to look in
     * @param name the tool
     * @return its path
     * @throws AssertionError saying to run scripts/install-tools.sh when it is not there
     */
    static Path tool(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isExecutable(p)) {
            throw new AssertionError(name + " is not installed at " + p + ": run scripts/install-tools.sh"
                    + " (or set " + ToolLocator.TOOLS_ENV + " to a folder holding packer and tofu)");
        }
        return p;
    }
}
