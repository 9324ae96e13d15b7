package io.jenkins.plugins.immutabledeploy.engine.process;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import java.util.List;

/** A tool (Packer, OpenTofu, Terraform) could not be found where it was looked for. */
public final class ToolNotFoundException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final String tool;
    private final List<String> lookedAt;

    /**
     * @param tool the tool's name, e.g. {@code packer}
     * @param lookedAt where it was looked for, in order
     * @param howToInstall one sentence that says how to install it
     */
    public ToolNotFoundException(String tool, List<String> lookedAt, String howToInstall) {
        super(tool + " was not found (looked for: " + String.join(", ", lookedAt) + "). " + howToInstall);
        this.tool = tool;
        this.lookedAt = List.copyOf(lookedAt);
    }

    /** @return the tool's name */
    public String tool() {
        return tool;
    }

    /** @return where it was looked for */
    public List<String> lookedAt() {
        return lookedAt;
    }
}
