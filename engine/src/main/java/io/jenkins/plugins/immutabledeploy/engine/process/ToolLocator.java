package io.jenkins.plugins.immutabledeploy.engine.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds Packer, OpenTofu or Terraform on this machine for the CLI and the tests: an explicit
 * path first, then the folder named by {@value #TOOLS_ENV} (where {@code scripts/install-tools.sh}
 * puts pinned versions), then PATH.
 */
public final class ToolLocator {
    /** The environment variable naming a folder that holds the tools. */
    public static final String TOOLS_ENV = "IMMUTABLE_DEPLOY_TOOLS";

    private ToolLocator() {}

    /**
     * Finds the first of the given tool names.
     *
     * @param explicit a path given by the user, or null; when set, only it is considered
     * @param env the environment to read {@value #TOOLS_ENV} and PATH from
     * @param names tool names in order of preference, e.g. {@code tofu}, {@code terraform}
     * @return the path of the executable
     * @throws ToolNotFoundException listing every place looked at and how to install the tool
     */
    public static Path find(String explicit, Map<String, String> env, String... names) {
        List<String> looked = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (isExecutable(p)) {
                return p;
            }
            throw new ToolNotFoundException(names[0], List.of(explicit + " (given explicitly; not an executable file)"),
                    ProcessRunner.installHint(names[0]));
        }
        List<String> dirs = new ArrayList<>();
        String tools = env.get(TOOLS_ENV);
        if (tools != null && !tools.isBlank()) {
            dirs.add(tools);
        }
        String path = env.get("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        for (String name : names) {
            for (String d : dirs) {
                Path p = Path.of(d, name);
                if (isExecutable(p)) {
                    return p;
                }
            }
            looked.add(name + " in " + (tools == null || tools.isBlank() ? "" : TOOLS_ENV + "=" + tools + " and ") + "PATH");
        }
        throw new ToolNotFoundException(String.join(" or ", names), looked, ProcessRunner.installHint(names[0]));
    }

    private static boolean isExecutable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
