package io.jenkins.plugins.immutabledeploy.engine.process;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds Packer, OpenTofu or Terraform: an explicit path first, then the folder named by
 * {@value #TOOLS_ENV} (a folder of pinned versions), then PATH; on this machine, or through {@link HostFiles} on
 * the machine the tool will run on.
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
        return Path.of(find(HostFiles.local(), explicit, env, Vocabulary.FIELDS, names));
    }

    /**
     * Finds the first of the given tool names on the machine the tool will run on.
     *
     * @param files that machine's file system
     * @param explicit a path given by the user, or null; when set, only it is considered
     * @param env that machine's environment, to read {@value #TOOLS_ENV} and PATH from
     * @param vocabulary how the caller names the request's {@code executable}, for the message
     * @param names tool names in order of preference, e.g. {@code tofu}, {@code terraform}
     * @return the path of the executable there
     * @throws ToolNotFoundException listing every place looked at and how to install the tool
     */
    public static String find(HostFiles files, String explicit, Map<String, String> env, Vocabulary vocabulary,
            String... names) {
        List<String> looked = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            if (isExecutable(files, explicit)) {
                return explicit;
            }
            throw new ToolNotFoundException(names[0], List.of(explicit + " (given explicitly; not an executable file)"),
                    hint(names[0], vocabulary));
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
        throw new ToolNotFoundException(String.join(" or ", names), looked, hint(names[0], vocabulary));
    }

    private static String hint(String tool, Vocabulary vocabulary) {
        return "Install " + tool + " on the machine that runs the build, on its PATH or in the folder " + TOOLS_ENV
                + " names, or give its path with " + vocabulary.name("executable") + ".";
    }

    private static boolean isExecutable(HostFiles files, String p) {
        try {
            return files.isExecutable(p);
        } catch (IOException e) {
            return false;
        }
    }
}
