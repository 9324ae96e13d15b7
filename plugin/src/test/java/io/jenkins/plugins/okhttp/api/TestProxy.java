package io.jenkins.plugins.okhttp.api;

import java.net.Proxy;

/** Sets the proxy the stand-in's {@link JenkinsOkHttpClient} answers, as Jenkins' proxy settings would. */
public final class TestProxy {
    private TestProxy() {}

    /**
     * @param proxy the proxy every client built by {@link JenkinsOkHttpClient#newClientBuilder} uses; null for none
     */
    public static void use(Proxy proxy) {
        JenkinsOkHttpClient.proxyForTests = proxy;
    }
}
