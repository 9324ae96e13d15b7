package io.jenkins.plugins.immutabledeploy.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.TestCredentials;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import hudson.model.TestParameters;
import hudson.util.FormValidation;
import io.jenkins.plugins.immutabledeploy.engine.Json;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome.Kind;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubReleaseTriggerTest {
    static final String SECRET = "wh-S3cret-for-Hello-World";
    static final String OTHER_SECRET = "wh-S3cret-of-another-hook";

    /** What the stand-in's missing queue would have received. */
    record Scheduled(Job<?, ?> job, List<Action> actions) {
        Map<String, String> parameters() {
            Map<String, String> m = new LinkedHashMap<>();
            for (ParameterValue v : parameters(actions)) {
                m.put(v.getName(), (String) v.getValue());
            }
            return m;
        }

        static ParametersAction parameters(List<Action> actions) {
            return actions.stream().filter(ParametersAction.class::isInstance).map(ParametersAction.class::cast)
                    .findFirst().orElseThrow();
        }

        String cause() {
            CauseAction c = actions.stream().filter(CauseAction.class::isInstance).map(CauseAction.class::cast)
                    .findFirst().orElseThrow();
            return c.findCause(GitHubReleaseCause.class).getShortDescription();
        }
    }

    @TempDir
    Path home;

    final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    final List<ReleaseJob> jobs = new CopyOnWriteArrayList<>();
    final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(GitHubReleaseTrigger.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void setUp() {
        TestCredentials.clear();
        TestCredentials.add(TestCredentials.Text.of("hello-world-hook", SECRET));
        TestCredentials.add(TestCredentials.Text.of("other-hook", OTHER_SECRET));
        logger.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        logger.removeHandler(capture);
        TestCredentials.clear();
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = GitHubReleaseTriggerTest.class.getResourceAsStream("/github/" + name)) {
            return in.readAllBytes();
        }
    }

    static Map<String, String> signed(String event, String delivery, byte[] body, String secret) {
        Map<String, String> h = new HashMap<>();
        h.put("X-GitHub-Event", event);
        h.put("X-GitHub-Delivery", delivery);
        h.put("X-Hub-Signature-256", new WebhookVerifier(secret).sign(body));
        return h;
    }

    /** A job in {@code home} holding a started webhook trigger. */
    static GitHubReleaseTrigger trigger(ReleaseJob job, String repository, String secretId, BuildScheduler scheduler) {
        GitHubReleaseTrigger t = new GitHubReleaseTrigger(repository);
        t.setSecretCredentialsId(secretId);
        t.setScheduler(scheduler);
        return job.setTrigger(t);
    }

    private ReleaseJob job(String name) {
        return job(name, null);
    }

    private ReleaseJob job(String name, String runsAs) {
        ReleaseJob j = new ReleaseJob(name, home.resolve("jobs").resolve(name), runsAs);
        jobs.add(j);
        return j;
    }

    private GitHubReleaseTrigger started(String name, String repository, String secretId) {
        return trigger(job(name), repository, secretId, this::schedule);
    }

    private boolean schedule(Job<?, ?> job, List<Action> actions) {
        return scheduled.add(new Scheduled(job, actions));
    }

    /** Delivers to the jobs' triggers as they are now, as the endpoint does. */
    private WebhookOutcome deliver(Map<String, String> headers, byte[] body) {
        return GitHubReleaseWebhook.receive(headers, body, () -> jobs.stream()
                .flatMap(j -> j.getTriggers().values().stream()
                        .map(t -> new GitHubReleaseWebhook.Receiver(j, (GitHubReleaseTrigger) t)))
                .toList());
    }

    @Test
    void aSignedPublishedReleaseSchedulesEveryMatchingJobOnceWithReleaseParametersAndCause() throws Exception {
        started("deploy-app", "octocat/Hello-World", "hello-world-hook");
        started("deploy-app-staging", "OctoCat/hello-world", "hello-world-hook");
        started("other-repository", "octocat/Spoon-Knife", "hello-world-hook");
        started("release-candidates", "octocat/Hello-World", "hello-world-hook").setTagPattern("v.*-rc\\d+");
        started("other-secret", "octocat/Hello-World", "other-hook");
        byte[] body = fixture("release-published.json");

        WebhookOutcome o = deliver(signed("release", "d-1", body, SECRET), body);

        assertThat(o.status()).isEqualTo(202);
        assertThat(o.message()).isEqualTo("triggered by release v1.2.3 of octocat/Hello-World: 2 job(s) scheduled");
        assertThat(scheduled).extracting(s -> s.job().getFullName())
                .containsExactlyInAnyOrder("deploy-app", "deploy-app-staging");
        Scheduled s = scheduled.get(0);
        assertThat(s.cause()).isEqualTo("Started by GitHub release v1.2.3 of octocat/Hello-World");
        Map<String, String> p = s.parameters();
        assertThat(p).containsEntry("RELEASE_TAG", "v1.2.3")
                .containsEntry("RELEASE_NAME", "Hello World 1.2.3")
                .containsEntry("RELEASE_URL", "https://github.com/octocat/Hello-World/releases/tag/v1.2.3")
                .containsEntry("RELEASE_PRERELEASE", "false");
        assertThat(Json.MAPPER.readTree(p.get("RELEASE_ASSETS")).get(1).get("browser_download_url").asText())
                .isEqualTo("https://github.com/octocat/Hello-World/releases/download/v1.2.3/SHA256SUMS");
        assertThat(TestParameters.safeNames(Scheduled.parameters(s.actions())))
                .as("undeclared parameters reach the build only when named safe")
                .containsExactlyInAnyOrder("RELEASE_TAG", "RELEASE_NAME", "RELEASE_URL", "RELEASE_PRERELEASE", "RELEASE_ASSETS");
    }

    @Test
    void aParameterizedJobKeepsItsParameterDefaultsAndTheReleaseValuesWinOverDefaultsOfTheSameName() throws Exception {
        ReleaseJob parameterized = job("deploy-app");
        parameterized.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("REGION", "fra1"),
                new StringParameterDefinition("RELEASE_TAG", "latest"),
                new StringParameterDefinition("DRY_RUN", "false")));
        trigger(parameterized, "octocat/Hello-World", "hello-world-hook", this::schedule);
        byte[] body = fixture("release-published.json");

        assertThat(deliver(signed("release", "p-1", body, SECRET), body).status()).isEqualTo(202);

        Scheduled s = scheduled.get(0);
        assertThat(s.parameters()).containsEntry("REGION", "fra1").containsEntry("DRY_RUN", "false")
                .containsEntry("RELEASE_TAG", "v1.2.3").containsKeys("RELEASE_NAME", "RELEASE_ASSETS").hasSize(7);
        assertThat(TestParameters.safeNames(Scheduled.parameters(s.actions())))
                .as("the release's parameters stay safe, the job's own need not be")
                .containsExactlyInAnyOrder("RELEASE_TAG", "RELEASE_NAME", "RELEASE_URL", "RELEASE_PRERELEASE", "RELEASE_ASSETS");
    }

    @Test
    void everyRejectionIsAnsweredWithItsStatusAndSchedulesNothing() throws Exception {
        started("deploy-app", "octocat/Hello-World", "hello-world-hook");
        byte[] body = fixture("release-published.json");

        Map<String, String> unsigned = signed("release", "r-1", body, SECRET);
        unsigned.remove("X-Hub-Signature-256");
        assertThat(deliver(unsigned, body).status()).isEqualTo(401);
        assertThat(deliver(signed("release", "r-2", body, "guessed"), body).status()).isEqualTo(403);
        byte[] broken = "{\"action\":\"published\",".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(signed("release", "r-3", broken, SECRET), broken).status()).isEqualTo(400);
        byte[] huge = new byte[WebhookHandler.MAX_BODY_BYTES + 1];
        assertThat(deliver(new HashMap<>(), huge).status()).isEqualTo(413);
        byte[] ping = fixture("ping.json");
        WebhookOutcome pong = deliver(signed("ping", "r-4", ping, SECRET), ping);
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.kind()).isEqualTo(Kind.PING);
        byte[] push = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(signed("push", "r-5", push, SECRET), push).kind()).isEqualTo(Kind.IGNORED);

        assertThat(scheduled).isEmpty();
    }

    @Test
    void withoutAnyJobTakingWebhooksTheEndpointAnswers404() throws Exception {
        GitHubReleaseTrigger pollingOnly = new GitHubReleaseTrigger("octocat/Hello-World");
        pollingOnly.setScheduler(this::schedule);
        job("polls").setTrigger(pollingOnly);
        byte[] body = fixture("release-published.json");
        assertThat(deliver(signed("release", "n-1", body, SECRET), body).status()).isEqualTo(404);
    }

    @Test
    void aMissingSecretCredentialRefusesTheDeliveryAndLogsWhichCredentialWithoutItsValue() throws Exception {
        started("deploy-app", "octocat/Hello-World", "deleted-hook");
        byte[] body = fixture("release-published.json");
        WebhookOutcome o = deliver(signed("release", "m-1", body, SECRET), body);
        assertThat(o.status()).isEqualTo(403);
        assertThat(o.message()).doesNotContain("deleted-hook").doesNotContain("deploy-app");
        assertThat(logged).anyMatch(l -> l.contains("the secret credential 'deleted-hook' is missing"));
    }

    @Test
    void theSecretIsLookedUpAsTheJobsAuthenticationSoAJobRunningAsAUserCannotUseAGlobalSecret() throws Exception {
        // Authorize Project runs this job as mallory, who may configure it but may not use global credentials.
        trigger(job("deploy-app", "mallory"), "octocat/Hello-World", "hello-world-hook", this::schedule);
        byte[] body = fixture("release-published.json");

        WebhookOutcome o = deliver(signed("release", "a-1", body, SECRET), body);

        assertThat(o.status()).isEqualTo(403);
        assertThat(scheduled).isEmpty();
        assertThat(logged).anyMatch(l -> l.contains("not available to the job's authentication (mallory)"));

        // Her own credential works, as it would in her builds.
        TestCredentials.addForUser("mallory", TestCredentials.Text.of("mallory-hook", OTHER_SECRET));
        trigger(job("deploy-app", "mallory"), "octocat/Hello-World", "mallory-hook", this::schedule);
        assertThat(deliver(signed("release", "a-2", body, OTHER_SECRET), body).status()).isEqualTo(202);
    }

    @Test
    void aVerifiedDeliveryTracksTheSecretsUseAndAForgedOneDoesNot() throws Exception {
        started("deploy-app", "octocat/Hello-World", "hello-world-hook");
        byte[] body = fixture("release-published.json");

        deliver(signed("release", "k-1", body, "forged"), body);
        assertThat(TestCredentials.tracked()).isEmpty();

        deliver(signed("release", "k-2", body, SECRET), body);
        assertThat(TestCredentials.tracked()).extracting(c -> ((TestCredentials.Text) c).getId())
                .containsExactly("hello-world-hook");
    }

    @Test
    void theSecretAppearsInNoAnswerAndNoLogLine() throws Exception {
        started("deploy-app", "octocat/Hello-World", "hello-world-hook");
        byte[] body = fixture("release-published.json");
        List<WebhookOutcome> all = new ArrayList<>();
        all.add(deliver(signed("release", "x-1", body, SECRET), body));
        all.add(deliver(signed("release", "x-2", body, SECRET + "!"), body));
        byte[] echo = ("{\"secret\":\"" + SECRET + "\"").getBytes(StandardCharsets.UTF_8);
        all.add(deliver(signed("release", "x-3", echo, SECRET), echo));
        assertThat(all).extracting(WebhookOutcome::status).containsExactly(202, 403, 400);
        for (WebhookOutcome o : all) {
            assertThat(Json.write(o.toMap())).doesNotContain(SECRET);
        }
        assertThat(String.join("\n", logged)).doesNotContain(SECRET);
    }

    @Test
    void theCauseReadsAsTheIssueAsksAndEqualCausesFoldTogether() throws Exception {
        started("deploy-app", "octocat/Hello-World", "hello-world-hook");
        byte[] body = fixture("release-published.json");
        WebhookOutcome o = deliver(signed("release", "c-1", body, SECRET), body);
        GitHubReleaseCause cause = new GitHubReleaseCause(o.release());
        assertThat(cause.getShortDescription()).isEqualTo("Started by GitHub release v1.2.3 of octocat/Hello-World");
        assertThat(cause).isEqualTo(new GitHubReleaseCause(o.release())).hasSameHashCodeAs(new GitHubReleaseCause(o.release()));
    }

    @Test
    void fieldsAreCheckedWhenBoundAndByTheFormWithMessagesNamingTheField() {
        assertThatThrownBy(() -> new GitHubReleaseTrigger("Hello-World"))
                .hasMessageStartingWith("repository: 'Hello-World' is not a GitHub repository");
        GitHubReleaseTrigger t = new GitHubReleaseTrigger(" octocat/Hello-World ");
        assertThat(t.getRepository()).isEqualTo("octocat/Hello-World");
        assertThatThrownBy(() -> t.setTagPattern("v[0-9"))
                .hasMessageStartingWith("tagPattern: 'v[0-9' is not a valid regular expression");
        assertThatThrownBy(() -> t.setApiUrl("ghe.example.com"))
                .hasMessageStartingWith("apiUrl: 'ghe.example.com' is not an http(s) URL");
        t.setTagPattern(" ");
        assertThat(t.getTagPattern()).isNull();

        GitHubReleaseTrigger.DescriptorImpl d = new GitHubReleaseTrigger.DescriptorImpl();
        ReleaseJob job = job("j");
        assertThat(d.doCheckRepository(job, "octocat/Hello-World").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation bad = d.doCheckRepository(job, "octocat");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("write it as OWNER/NAME");
        assertThat(d.doCheckTagPattern(job, "v(").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckApiUrl(job, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckApiUrl(job, "https://ghe.example.com/api/v3").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckPollingSpec(job, "", "").kind).as("nothing would start the job").isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doCheckPollingSpec(job, "", "hello-world-hook").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.isApplicable(job("any"))).isTrue();
        assertThat(d.getDisplayName()).isEqualTo("Start when a GitHub release is published");
        assertThat(GitHubReleaseTrigger.DescriptorImpl.class.getAnnotation(Symbol.class).value()).containsExactly("immutableDeployRelease");
    }

    @Test
    void theSecretCredentialListOffersSecretTextCredentialsToWhoMayConfigureTheJob() {
        TestCredentials.add(TestCredentials.UserPass.of("db", "app", "pw"));
        GitHubReleaseTrigger.DescriptorImpl d = new GitHubReleaseTrigger.DescriptorImpl();
        assertThat(d.doFillSecretCredentialsIdItems(job("j"), "")).extracting(o -> o.value)
                .contains("hello-world-hook", "other-hook").doesNotContain("db");
    }
}
