package io.jenkins.plugins.immutabledeploy.archfixture.engine.verify;

/** Stands for the health checks' HTTP clients. */
public final class HttpClients {
    /** @return a client */
    public static Object shared() {
        return new Object();
    }
}
