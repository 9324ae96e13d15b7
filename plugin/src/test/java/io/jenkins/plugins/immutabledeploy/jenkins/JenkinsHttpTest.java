package io.jenkins.plugins.immutabledeploy.jenkins;

import static io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentials;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.FakeDigitalOcean;
import io.jenkins.plugins.immutabledeploy.engine.http.HttpClients;
import io.jenkins.plugins.okhttp.api.TestProxy;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jenkins' proxy settings reach every HTTP call the plugin makes: the stand-in of okhttp-api's
 * {@code JenkinsOkHttpClient} answers a proxy, here a local server that plays the hosts behind it.
 */
class JenkinsHttpTest {
    @StartStop
    private final MockWebServer proxy = new MockWebServer();

    @TempDir
    Path tmp;

    @BeforeEach
    void useTheProxy() {
        TestProxy.use(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort())));
    }

    @AfterEach
    void noProxy() {
        TestProxy.use(null);
        TestCredentials.clear();
    }

    @Test
    void theBaseClientIsWhatOkHttpApiBuiltOnTheEnginesSharedPool() {
        assertThat(JenkinsHttp.client().connectionPool()).isSameAs(HttpClients.shared().connectionPool());
        assertThat(JenkinsHttp.client().dispatcher()).isSameAs(HttpClients.shared().dispatcher());
        assertThat(JenkinsHttp.client().proxySelector()).isNotSameAs(HttpClients.shared().proxySelector());
    }

    @Test
    void aRunsDigitalOceanCallsGoThroughJenkinsProxy() throws Exception {
        FakeDigitalOcean api = new FakeDigitalOcean();
        proxy.setDispatcher(api);
        TestStepContext context = new Fixture(tmp).context();
        TestCredentials.add(TestCredentials.Text.of("do-token", TOKEN));
        PruneImagesStep step = new PruneImagesStep("do-token", 5);
        step.setPrefix("app-");
        step.setApiUrl("http://api.digitalocean.invalid/");
        step.setDryRun(true);
        step.start(context).start();
        context.await();

        RecordedRequest r = api.requests().get(0);
        assertThat(r.getUrl().toString()).isEqualTo("http://api.digitalocean.invalid/v2/account");
    }

    @Test
    void verifyDeployChecksGoThroughJenkinsProxy() throws Exception {
        Fixture f = new Fixture(tmp);
        proxy.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        VerifyDeployStep s = new VerifyDeployStep("http://app.invalid/health");
        s.setSuccessThreshold(1);
        s.setInterval("100ms");
        s.setTimeout("10s");
        TestStepContext context = f.context();
        s.start(context).start();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();

        assertThat(result).containsEntry("healthy", true);
        assertThat(proxy.takeRequest().getUrl().toString()).isEqualTo("http://app.invalid/health");
    }

    @Test
    void onAnAgentTheChecksUseTheAgentsNetworkNotTheControllersProxy() throws Exception {
        Fixture f = new Fixture(tmp).onAgent();
        try (HealthServer app = new HealthServer(200)) {
            VerifyDeployStep s = VerifyDeployStepTest.fast(new VerifyDeployStep(app.url()));
            TestStepContext context = f.context();
            s.start(context).start();

            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await();

            assertThat(result).containsEntry("healthy", true);
        }
        assertThat(f.channel.calls).containsExactly(OnAgentTest.ON_AGENT);
        assertThat(proxy.getRequestCount()).as("Jenkins' proxy is the controller's").isZero();
    }
}
