package io.jenkins.plugins.immutabledeploy.engine.process;

import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds Packer, OpenTofu or Terraform: an explicit path first, then the folder named by
 * {@value #TOOLS_ENV} (where {@code scripts/install-tools.sh} puts pinned versions), then PATH; on
 * this machine, or through {@link HostFiles} on the machine the tool will run on.
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
        return Path.of(find(HostFiles.local(), explicit, env, names));
    }

    /**
     * Finds the first of the given tool names on the machine the tool will run on.
     *
     * @param files that machine's file system
     * @param explicit a path given by the user, or null; when set, only it is considered
     * @param env that machine's environment, to read {@value #TOOLS_ENV} and PATH from
     * @param names tool names in order of preference, e.g. {@code tofu}, {@code terraform}
     * @return the path of the executable there
     * @throws ToolNotFoundException listing every place looked at and how to install the tool
     */
    public static String find(HostFiles files, String explicit, Map<String, String> env, String... names) {
        List<String> looked = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            if (isExecutable(files, explicit)) {
                return explicit;
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
            // ':' as on the Unix machines Packer and OpenTofu run on here (the engine signals process groups).
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        for (String name : names) {
            for (String d : dirs) {
                String p = HostFiles.resolve(d, name);
                if (isExecutable(files, p)) {
                    return p;
                }
            }
            looked.add(name + " in " + (tools == null || tools.isBlank() ? "" : TOOLS_ENV + "=" + tools + " and ") + "PATH");
        }
        throw new ToolNotFoundException(String.join(" or ", names), looked, ProcessRunner.installHint(names[0]));
    }

    private static boolean isExecutable(HostFiles files, String p) {
        try {
            return files.isExecutable(p);
        } catch (IOException e) {
            return false;
        }
    }
}
