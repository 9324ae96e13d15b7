package io.jenkins.plugins.immutabledeploy.engine.http;

import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one OkHttp client the engine shares, and its TLS variants. Every HTTP user of the engine
 * (the DigitalOcean client, the GitHub release poller, the health checks) takes a base client and
 * derives its own from it with {@link OkHttpClient#newBuilder()}, so they all share the base
 * client's connection pool and dispatcher (threads): however many runs are under way, the number
 * of sockets and threads stays bounded. A front end passes its own base client when it has one
 * to offer, e.g. one that knows the proxy settings of the server it runs in; without one, the
 * base is {@link #shared()}.
 */
public final class HttpClients {
    /** Most requests in flight at once, across every verification of this JVM. */
    public static final int MAX_REQUESTS = 256;
    /** Most idle connections kept for reuse. */
    public static final int MAX_IDLE_CONNECTIONS = 64;

    private static volatile OkHttpClient shared;

    private HttpClients() {}

    /**
     * The shared client: bounded connection pool ({@value #MAX_IDLE_CONNECTIONS} idle connections,
     * kept one minute) and dispatcher ({@value #MAX_REQUESTS} requests in flight), explicit timeouts
     * (10 s connect, read and write; 30 s per call unless a call sets its own).
     *
     * @return the client
     */
    public static OkHttpClient shared() {
        OkHttpClient c = shared;
        if (c == null) {
            synchronized (HttpClients.class) {
                c = shared;
                if (c == null) {
                    Dispatcher dispatcher = new Dispatcher();
                    dispatcher.setMaxRequests(MAX_REQUESTS);
                    // Many endpoints often share a host (one load balancer, or loopback in tests):
                    // OkHttp's default of 5 per host would queue them behind each other.
                    dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
                    c = new OkHttpClient.Builder()
                            .dispatcher(dispatcher)
                            .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 1, TimeUnit.MINUTES))
                            .connectTimeout(10, TimeUnit.SECONDS)
                            .readTimeout(10, TimeUnit.SECONDS)
                            .writeTimeout(10, TimeUnit.SECONDS)
                            .callTimeout(30, TimeUnit.SECONDS)
                            // A pooled connection the server has since closed must be replaced
                            // silently, not reported as a failed attempt.
                            .retryOnConnectionFailure(true)
                            .build();
                    shared = c;
                }
            }
        }
        return c;
    }

    /**
     * A variant of a client that trusts the system's CAs plus those in a PEM bundle.
     *
     * @param base the client whose pool, threads and proxy the variant shares (usually {@link #shared()})
     * @param caFile a PEM file holding one or more CA certificates
     * @return the client
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public static OkHttpClient withCaFile(OkHttpClient base, Path caFile) {
        X509TrustManager trust = systemPlus(caFile);
        return base.newBuilder().sslSocketFactory(context(trust).getSocketFactory(), trust).build();
    }

    /**
     * A variant of a client that checks no certificate and no host name. For test environments
     * only; callers log a warning every time they use it.
     *
     * @param base the client whose pool, threads and proxy the variant shares (usually {@link #shared()})
     * @return the client
     */
    public static OkHttpClient insecure(OkHttpClient base) {
        X509TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // insecure on purpose: the user asked for no verification
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // insecure on purpose: the user asked for no verification
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        return base.newBuilder()
                .sslSocketFactory(context(trustAll).getSocketFactory(), trustAll)
                .hostnameVerifier((host, session) -> true)
                .build();
    }

    /**
     * Executes one call, and cancels it when the run is cancelled while it is under way: a cancel
     * never waits for a slow server's answer.
     *
     * @param client the client
     * @param request the request
     * @param cancellation the run's cancel signal
     * @return the response, to be closed by the caller
     * @throws IOException when the call fails; when it was cancelled, an {@link IOException}
     *     whose message is {@code Canceled} (OkHttp's), after which {@link Cancellation#isCancelled()} is true
     */
    public static Response execute(OkHttpClient client, Request request, Cancellation cancellation) throws IOException {
        if (cancellation.isCancelled()) {
            throw new IOException("Canceled");
        }
        Call call = client.newCall(request);
        try (Cancellation.Registration r = cancellation.onCancel(call::cancel)) {
            return call.execute();
        }
    }

    private static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no TLS: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager systemPlus(Path caFile) {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(caFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("caFile: cannot read " + caFile + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("caFile: " + caFile + " is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
        if (extra.isEmpty()) {
            throw new IllegalArgumentException("caFile: " + caFile + " holds no certificate; give a PEM file with"
                    + " -----BEGIN CERTIFICATE----- blocks");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : trustManager(null).getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + i++, ca);
            }
            for (Certificate ca : extra) {
                store.setCertificateEntry("ca-file-" + i++, ca);
            }
            return trustManager(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the trust manager factory made no X.509 trust manager");
    }
}
