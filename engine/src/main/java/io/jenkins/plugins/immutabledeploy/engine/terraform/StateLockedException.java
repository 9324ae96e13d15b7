package io.jenkins.plugins.immutabledeploy.engine.terraform;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another run holds the state lock. The message says who holds it, since when, and the command that
 * releases it if it is stale; the engine never runs that command itself, because releasing a lock
 * another apply still holds corrupts the state.
 */
public final class StateLockedException extends DeployException {
    private static final long serialVersionUID = 1L;

    /** What Terraform and OpenTofu print when they cannot take the lock. */
    public static final String MARKER = "Error acquiring the state lock";

    private final transient Lock lock;

    /**
     * @param message the masked sentence
     * @param lock the lock as the tool described it
     * @param diagnostics the tool's diagnostics, masked
     * @param result the partial result, or null
     */
    public StateLockedException(String message, Lock lock, List<String> diagnostics, DeployResult result) {
        super(message, diagnostics, result);
        this.lock = lock;
    }

    /** @return the lock as the tool described it */
    public Lock lock() {
        return lock;
    }

    /**
     * The lock another run holds, as the tool's "Lock Info" block describes it. Fields the tool did
     * not print are empty strings.
     *
     * @param id the lock id, the argument of {@code force-unlock}
     * @param who who holds it, e.g. {@code jenkins@agent-3}
     * @param created since when, as the tool printed it
     * @param operation what the holder is doing, e.g. {@code OperationTypeApply}
     * @param path the state the lock protects
     */
    public record Lock(String id, String who, String created, String operation, String path) {
        private static final Pattern FIELD = Pattern.compile("^\\s*(ID|Who|Created|Operation|Path):\\s*(.*?)\\s*$",
                Pattern.MULTILINE);

        /**
         * Reads a "Lock Info" block.
         *
         * @param text the diagnostic's detail (or the tool's plain error output)
         * @return the lock, or empty when the text has no lock id
         */
        public static Optional<Lock> parse(String text) {
            String id = "";
            String who = "";
            String created = "";
            String operation = "";
            String path = "";
            Matcher m = FIELD.matcher(text);
            while (m.find()) {
                String v = m.group(2);
                switch (m.group(1)) {
                    case "ID" -> id = id.isEmpty() ? v : id;
                    case "Who" -> who = who.isEmpty() ? v : who;
                    case "Created" -> created = created.isEmpty() ? v : created;
                    case "Operation" -> operation = operation.isEmpty() ? v : operation;
                    default -> path = path.isEmpty() ? v : path;
                }
            }
            return id.isEmpty() ? Optional.empty() : Optional.of(new Lock(id, who, created, operation, path));
        }

        /**
         * @param tool {@code tofu} or {@code terraform}
         * @return the command that releases the lock, to be run by a person who knows it is stale
         */
        public String unlockCommand(String tool) {
            return tool + " force-unlock " + id;
        }
    }
}
