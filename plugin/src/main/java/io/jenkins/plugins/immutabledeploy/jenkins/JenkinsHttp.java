package io.jenkins.plugins.immutabledeploy.jenkins;

import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import okhttp3.OkHttpClient;

/**
 * The base of every HTTP client the plugin hands the engine (DigitalOcean, GitHub polling, health
 * checks): the engine's shared client, rebuilt by okhttp-api so that Jenkins' proxy settings
 * (Manage Jenkins » System » Proxy Configuration) apply to it. It shares the engine's connection pool and
 * threads; the proxy is looked up per connection, so a changed setting applies without a restart.
 *
 * <p>The proxy selector reads the controller's settings: give this client only to calls made in the
 * controller's JVM, never to code sent to an agent.
 */
public final class JenkinsHttp {
    private static volatile OkHttpClient client;

    private JenkinsHttp() {}

    /** @return the proxy-aware base client */
    public static OkHttpClient client() {
        OkHttpClient c = client;
        if (c == null) {
            // A race builds two equal clients over the same pool: harmless.
            c = JenkinsOkHttpClient.newClientBuilder(HttpClients.shared()).build();
            client = c;
        }
        return c;
    }
}
