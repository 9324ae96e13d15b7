package io.jenkins.plugins.immutabledeploy.cli;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.record.FileRecordStore;
import io.jenkins.plugins.immutabledeploy.engine.terraform.DeployRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a Terraform/OpenTofu deploy, shared as a picocli mixin by {@code deploy}, by the
 * commands that redeploy ({@code rollback}, {@code verify --rollback}) and by {@code blue-green}. Secrets are named
 * by the environment variable that holds them, never given as values. The time limit is each command's own option:
 * it is {@code --timeout} where nothing else is timed, {@code --deploy-timeout} beside health checks.
 */
public final class DeployOptions {
    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "The Terraform/OpenTofu configuration folder.")
    String dir;

    @Option(names = "--var", paramLabel = "K=V",
            description = "A variable, passed as -var (repeatable; never a secret: use --secret-var).")
    List<String> vars = new ArrayList<>();

    @Option(names = "--var-file", paramLabel = "F",
            description = "A variables file, passed as -var-file; relative paths are relative to --dir (repeatable).")
    List<String> varFiles = new ArrayList<>();

    @Option(names = "--secret-var", paramLabel = "NAME=ENVVAR",
            description = "A secret variable: the tool gets the value of the environment variable ENVVAR as TF_VAR_NAME"
                    + " (repeatable; masked; the record keeps only the names).")
    List<String> secretVars = new ArrayList<>();

    @Option(names = "--token-env", paramLabel = "ENVVAR",
            description = "The environment variable holding the DigitalOcean token; the tool gets it as"
                    + " DIGITALOCEAN_TOKEN (and the provider's other token names).")
    String tokenEnv;

    @Option(names = "--workspace", paramLabel = "W", description = "Select this workspace before planning.")
    String workspace;

    @Option(names = "--create-workspace", description = "Create --workspace when it does not exist.")
    boolean createWorkspace;

    @Option(names = "--backend-config", paramLabel = "K=V|FILE",
            description = "Passed to init as -backend-config; a file path is relative to --dir (repeatable).")
    List<String> backendConfig = new ArrayList<>();

    @Option(names = "--lock-timeout", paramLabel = "D", defaultValue = "0s",
            description = "How long to wait for the state lock, e.g. 30s or 5m (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--allow-destroy",
            description = "Let the apply delete resources that are not part of a replacement.")
    boolean allowDestroy;

    @Option(names = "--allow-destroy-of", paramLabel = "PATTERN",
            description = "Allow only deletes of addresses matching this glob, e.g. 'module.old.*' (repeatable).")
    List<String> allowDestroyOf = new ArrayList<>();

    @Option(names = "--allow-destroy-first",
            description = "Allow replacements that delete the old object before the new one exists (downtime).")
    boolean allowDestroyFirst;

    @Option(names = "--record-dir", paramLabel = "D", defaultValue = FileRecordStore.DEFAULT_ROOT,
            description = "Where deployment records are kept: D/<dir name>/<workspace>/ (default: ${DEFAULT-VALUE}).")
    Path recordDir;

    /** The deploy's time limit: {@code --timeout} of {@code deploy} and {@code rollback}, {@code --deploy-timeout} where
     * {@code --timeout} is the health checks'. */
    String timeout;

    @Option(names = "--terraform", paramLabel = "PATH",
            description = "The Terraform or OpenTofu executable (default: tofu, then terraform, from"
                    + " $IMMUTABLE_DEPLOY_TOOLS or PATH).")
    String terraform;

    /** The options' names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.OPTIONS.with(Map.of("executable", "--terraform", "token", "--token-env",
            "vars", "--var", "varFiles", "--var-file", "secretVars", "--secret-var"));

    /** Created by picocli. */
    public DeployOptions() {}

    /** @return the configuration folder, as given */
    public String dir() {
        return dir;
    }

    /** @return where deployment records are kept */
    public Path recordDir() {
        return recordDir;
    }

    /**
     * The request these options describe. Secret values are read from their environment variables and
     * registered for masking.
     *
     * @param cli the run
     * @return the request builder (the caller may still set, e.g., plan-only)
     * @throws IllegalArgumentException naming the option when a value is malformed or a variable unset
     */
    public DeployRequest.Builder request(Cli cli) {
        DeployRequest.Builder b = DeployRequest.builder(dir).names(NAMES)
                .workspace(workspace)
                .createWorkspace(createWorkspace)
                .backendConfig(backendConfig)
                .lockTimeout(lockTimeout)
                .allowDestroy(allowDestroy)
                .allowDestroyFirst(allowDestroyFirst)
                .timeout(timeout)
                .executable(terraform)
                .token(tokenEnv == null ? null : cli.secretFromEnv("--token-env", tokenEnv));
        allowDestroyOf.forEach(b::allowDestroyOf);
        for (String v : vars) {
            String[] kv = pair("--var", v, "K=V, e.g. --var image_id=58285042");
            b.var(kv[0], kv[1]);
        }
        varFiles.forEach(b::varFile);
        for (String s : secretVars) {
            String[] kv = pair("--secret-var", s, "NAME=ENVVAR, e.g. --secret-var db_password=DB_PASSWORD");
            b.secretVar(kv[0], cli.secretFromEnv("--secret-var " + kv[0], kv[1]), kv[1]);
        }
        return b;
    }

    private static String[] pair(String option, String value, String form) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1 && option.equals("--secret-var")) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not " + form);
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }
}
