package io.jenkins.plugins.immutabledeploy.engine.ops;

/**
 * Port: reads a secret again from where a deployment record says it came from, for a redeploy. The record keeps a
 * secret variable's source, never its value: in the CLI an environment variable's name, in Jenkins
 * {@code credentials:<id>}.
 */
@FunctionalInterface
public interface SecretSource {
    /** A source that knows no secret: every lookup fails, naming the source. */
    SecretSource NONE = (variable, source) -> {
        throw new IllegalArgumentException("the secret variable " + variable + " came from " + source
                + ", which this run cannot read");
    };

    /**
     * @param variable the tool variable the value is for, e.g. {@code db_password}
     * @param source where the record says its value came from
     * @return the value, or null when the source holds none
     * @throws IllegalArgumentException or {@link io.jenkins.plugins.immutabledeploy.engine.EngineException} saying
     *     why the source cannot be read
     */
    String value(String variable, String source);
}
