package io.jenkins.plugins.immutabledeploy.engine;

/**
 * The engine could not do what it was asked, or a policy stopped it.
 *
 * <p>Messages are written for the person who runs the build: they say what failed and what to do
 * about it, and they never contain a secret (callers build them through
 * {@link io.jenkins.plugins.immutabledeploy.engine.log.SecretMasker#mask(String)}). Subclasses carry
 * the partial result of the work where there is one, so nothing that was learnt is lost.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message a complete, already masked sentence for the build log
     */
    public EngineException(String message) {
        super(message);
    }

    /**
     * @param message a complete, already masked sentence for the build log
     * @param cause the underlying failure; its message is not shown to users unless masked by the caller
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
