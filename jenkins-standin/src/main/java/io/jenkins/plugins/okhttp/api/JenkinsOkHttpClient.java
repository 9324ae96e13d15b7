package io.jenkins.plugins.okhttp.api;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Stand-in for okhttp-api's client factory. Upstream derives a builder from the given client and
 * sets a proxy selector and a proxy authenticator that read Jenkins' proxy settings
 * ({@code Jenkins.get().getProxy()}) on every connection. Here there is no Jenkins: the selector
 * answers the proxy a test set with {@link #proxyForTests}, else no proxy (what upstream answers
 * when no proxy is configured).
 */
public class JenkinsOkHttpClient {
    /** The proxy the stand-in's selector answers; null for none. Tests only. */
    static volatile Proxy proxyForTests;

    private JenkinsOkHttpClient() {
    }

    /**
     * @param httpClient the base client
     * @return a builder of a client that shares the base's pool and threads and uses Jenkins' proxy
     */
    public static OkHttpClient.Builder newClientBuilder(OkHttpClient httpClient) {
        OkHttpClient.Builder reBuild = httpClient.newBuilder();
        reBuild.proxySelector(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                Proxy p = proxyForTests;
                return List.of(p == null ? Proxy.NO_PROXY : p);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // upstream logs it; nothing to do here
            }
        });
        return reBuild;
    }
}
