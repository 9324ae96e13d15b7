package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.files.HostFiles;
import io.jenkins.plugins.immutabledeploy.engine.log.BuildLog;
import java.io.IOException;
import java.util.Map;

/**
 * Installs providers from a provider mirror instead of a registry: the folder that
 * {@code tofu providers mirror DIR} (or {@code terraform providers mirror DIR}) writes, named by
 * {@value #MIRROR_ENV}. For one deploy it writes a CLI configuration whose only installation method is
 * that mirror, hands it to the tool as {@code TF_CLI_CONFIG_FILE}, and deletes it afterwards. A
 * {@code TF_CLI_CONFIG_FILE} the user set wins when that file exists: their configuration is theirs to
 * point at the mirror.
 */
public final class ProviderMirror {
    /** The environment variable naming the mirror folder. */
    public static final String MIRROR_ENV = "IMMUTABLE_DEPLOY_PROVIDER_MIRROR";
    /** The tool's environment variable for its CLI configuration file. */
    public static final String CLI_CONFIG_ENV = "TF_CLI_CONFIG_FILE";

    private ProviderMirror() {}

    /**
     * A CLI configuration written for one deploy.
     *
     * @param folder the private folder holding it, deleted after the deploy
     * @param file the file, for {@value #CLI_CONFIG_ENV}
     */
    record CliConfig(String folder, String file) {}

    /**
     * Writes the CLI configuration when a mirror is named and the user has no CLI configuration of
     * their own.
     *
     * @param files the machine the tool runs on
     * @param env the environment the tool will see (the inherited one with the deploy's own on top); read only
     * @param configDir the configuration folder: the private folder is made there, and a relative
     *     mirror path is resolved against it
     * @param log where the choice is reported
     * @return the CLI configuration to name in {@value #CLI_CONFIG_ENV} and delete after the deploy;
     *     null when none was written
     * @throws IllegalArgumentException when the named mirror folder does not exist
     * @throws IOException when the configuration cannot be written
     */
    static CliConfig prepare(HostFiles files, Map<String, String> env, String configDir, BuildLog log)
            throws IOException {
        String mirror = env.get(MIRROR_ENV);
        if (mirror == null || mirror.isBlank()) {
            return null;
        }
        String own = env.get(CLI_CONFIG_ENV);
        if (own != null && !own.isBlank()) {
            if (files.isFile(own)) {
                log.info(MIRROR_ENV + " is set, but so is " + CLI_CONFIG_ENV + " (" + own + "): using your CLI"
                        + " configuration; its provider_installation block decides where providers come from");
                return null;
            }
            // Set but not there (some machines set it globally): it configures nothing, so the mirror applies.
            log.info(CLI_CONFIG_ENV + " names " + own + ", which does not exist: using a CLI configuration for the"
                    + " provider mirror instead");
        }
        String path = HostFiles.resolve(configDir, mirror.strip());
        if (!files.isDirectory(path)) {
            throw new IllegalArgumentException(MIRROR_ENV + ": the provider mirror " + path + " is not a folder. Make it"
                    + " on a machine with internet access with `tofu providers mirror " + path + "` in the configuration"
                    + " folder, copy it here, or unset " + MIRROR_ENV + " to install providers from the registry");
        }
        String folder = files.createPrivateDirectory(configDir, ".immutable-deploy-cli-config-");
        String file = HostFiles.resolve(folder, "provider-mirror.tfrc");
        try {
            files.writeString(file, cliConfig(path));
        } catch (IOException e) {
            remove(files, new CliConfig(folder, file), log);
            throw new IOException("could not write the CLI configuration for the provider mirror: " + e.getMessage(), e);
        }
        log.info("Installing providers only from the provider mirror " + path + " (" + MIRROR_ENV + ")");
        return new CliConfig(folder, file);
    }

    /**
     * The CLI configuration for a mirror.
     *
     * @param mirrorPath the mirror folder's absolute path
     * @return the configuration's text
     */
    static String cliConfig(String mirrorPath) {
        String quoted = mirrorPath.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${").replace("%{", "%%{");
        return "# Written by immutable-deploy for one deploy and deleted after it (" + MIRROR_ENV + ").\n"
                + "# Providers come only from this mirror, made with `tofu providers mirror`.\n"
                + "provider_installation {\n"
                + "  filesystem_mirror {\n"
                + "    path = \"" + quoted + "\"\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * Deletes what {@link #prepare} wrote; a failure is reported, not thrown: the file names a
     * folder, it holds no secret.
     *
     * @param files the machine the tool runs on
     * @param config the configuration, or null
     * @param log where a failure is reported
     */
    static void remove(HostFiles files, CliConfig config, BuildLog log) {
        if (config == null) {
            return;
        }
        try {
            files.deleteRecursively(config.folder());
        } catch (IOException e) {
            log.warn("Could not delete the generated CLI configuration " + config.folder() + ": " + e.getMessage());
        }
    }
}
