package io.jenkins.plugins.immutabledeploy.engine.digitalocean;

import io.jenkins.plugins.immutabledeploy.engine.EngineException;

/**
 * DigitalOcean refused a request or could not be reached. Carries the HTTP status and
 * DigitalOcean's error {@code id} so callers can tell "not found" from "forbidden" without parsing
 * the message.
 */
public class DigitalOceanException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorId;

    /**
     * @param message a complete, masked sentence
     * @param status the HTTP status, or 0 when no response arrived
     * @param errorId DigitalOcean's error id (e.g. {@code not_found}), or null
     * @param cause the underlying failure, or null
     */
    public DigitalOceanException(String message, int status, String errorId, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorId = errorId;
    }

    /** @return the HTTP status, or 0 when no response arrived */
    public int status() {
        return status;
    }

    /** @return DigitalOcean's error id, e.g. {@code unauthorized}, or null */
    public String errorId() {
        return errorId;
    }
}
