package io.jenkins.plugins.immutabledeploy.trigger;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.scheduler.CronTabList;
import hudson.scheduler.Hash;
import hudson.security.ACL;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.files.AtomicWrite;
import io.jenkins.plugins.immutabledeploy.engine.github.PollResult;
import io.jenkins.plugins.immutabledeploy.engine.github.PollState;
import io.jenkins.plugins.immutabledeploy.engine.github.RecentDeliveries;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import io.jenkins.plugins.immutabledeploy.jenkins.CredentialsLookup;
import io.jenkins.plugins.immutabledeploy.jenkins.Fields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Starts a job when a release of a GitHub repository is published: GitHub delivers a webhook to
 * {@link GitHubReleaseWebhook}, signed with the secret held in {@link #getSecretCredentialsId()};
 * or, when {@link #getPollingSpec()} is set, the releases API is polled on that schedule. Either
 * way each release starts the job once, with {@code RELEASE_*} parameters and a
 * {@link GitHubReleaseCause}.
 *
 * <pre>triggers { immutableDeployRelease(repository: 'owner/app', secretCredentialsId: 'github-webhook-secret') }</pre>
 */
public class GitHubReleaseTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(GitHubReleaseTrigger.class.getName());

    /** Triggers started on a job, for the webhook to offer deliveries to. */
    private static final Set<GitHubReleaseTrigger> STARTED = ConcurrentHashMap.newKeySet();

    /** Polls run here, not on Jenkins' cron thread, which a slow GitHub would hold up for every job. */
    private static final ExecutorService POLLS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "GitHub release polling");
        t.setDaemon(true);
        return t;
    });

    /** In the job's folder: what polling has seen ({@link PollState#encode()}), so a restart does not lose it. */
    static final String POLL_STATE_FILE = "github-release-poll-state.txt";

    private final String repository;
    private String secretCredentialsId;
    private String tagPattern;
    private boolean includePrereleases;
    private String pollingSpec;
    private String apiUrl;
    private String apiTokenCredentialsId;

    /** Delivery ids and release keys that already started this job. */
    private transient volatile RecentDeliveries started;
    private transient PollState pollState;
    private transient ReleasePoller poller;
    private transient String pollerKey;
    /** Where builds go: Jenkins' queue unless another was given. */
    private transient volatile BuildScheduler scheduler;

    /**
     * @param repository {@code owner/name}
     * @throws IllegalArgumentException when it is not {@code owner/name}
     */
    @DataBoundConstructor
    public GitHubReleaseTrigger(String repository) {
        super();
        this.repository = ReleaseFilter.checkRepository("repository", repository == null ? null : repository.trim());
    }

    /** @return the repository, {@code owner/name} */
    public String getRepository() {
        return repository;
    }

    /** @return the Secret text credential holding the webhook secret, or null for polling only */
    public String getSecretCredentialsId() {
        return secretCredentialsId;
    }

    /** @param id the Secret text credential holding the webhook secret */
    @DataBoundSetter
    public void setSecretCredentialsId(String id) {
        this.secretCredentialsId = Fields.trimToNull(id);
    }

    /** @return the regular expression the whole tag must match, or null for any tag */
    public String getTagPattern() {
        return tagPattern;
    }

    /**
     * @param tagPattern a regular expression the whole tag must match; blank for any tag
     * @throws IllegalArgumentException when it is not a valid expression
     */
    @DataBoundSetter
    public void setTagPattern(String tagPattern) {
        ReleaseFilter.compileTagPattern(tagPattern);
        this.tagPattern = Fields.trimToNull(tagPattern);
    }

    /** @return whether pre-releases start the job */
    public boolean isIncludePrereleases() {
        return includePrereleases;
    }

    /** @param includePrereleases whether pre-releases start the job */
    @DataBoundSetter
    public void setIncludePrereleases(boolean includePrereleases) {
        this.includePrereleases = includePrereleases;
    }

    /** @return the cron schedule for polling, or null when only webhooks start the job */
    public String getPollingSpec() {
        return pollingSpec;
    }

    /** @param pollingSpec a cron schedule such as {@code H/5 * * * *}; blank for no polling */
    @DataBoundSetter
    public void setPollingSpec(String pollingSpec) {
        this.pollingSpec = Fields.trimToNull(pollingSpec);
    }

    /** @return the API base URL, or null for GitHub.com */
    public String getApiUrl() {
        return apiUrl;
    }

    /**
     * @param apiUrl {@code https://HOST/api/v3} for GitHub Enterprise Server; blank for GitHub.com
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    @DataBoundSetter
    public void setApiUrl(String apiUrl) {
        if (Fields.trimToNull(apiUrl) != null) {
            ReleasePoller.parseApiUrl("apiUrl", apiUrl);
        }
        this.apiUrl = Fields.trimToNull(apiUrl);
    }

    /** @return the Secret text credential holding an API token for polling, or null */
    public String getApiTokenCredentialsId() {
        return apiTokenCredentialsId;
    }

    /** @param id the Secret text credential holding an API token for polling */
    @DataBoundSetter
    public void setApiTokenCredentialsId(String id) {
        this.apiTokenCredentialsId = Fields.trimToNull(id);
    }

    /** @param scheduler where this trigger's builds go, e.g. a test's list instead of Jenkins' queue */
    void setScheduler(BuildScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        if (pollingSpec != null) {
            // Trigger's own spec is final and set by its constructor, which Pipeline's data binding
            // cannot reach for an optional field: the polling schedule is installed here instead.
            try {
                tabs = CronTabList.create(pollingSpec, Hash.from(project.getFullName()));
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, "GitHub release polling of " + project.getFullName() + " is off: " + e.getMessage());
            }
        }
        STARTED.add(this);
    }

    @Override
    public void stop() {
        STARTED.remove(this);
    }

    /** @return the triggers started on jobs now */
    static List<GitHubReleaseTrigger> started() {
        return new ArrayList<>(STARTED);
    }

    /** The cron tick: polls in the background. */
    @Override
    public void run() {
        if (job != null && pollingSpec != null) {
            POLLS.submit(this::poll);
        }
    }

    private ReleaseFilter filter() {
        return ReleaseFilter.of(repository, tagPattern, includePrereleases);
    }

    private RecentDeliveries startedMemory() {
        RecentDeliveries s = started;
        if (s == null) {
            // Not on this instance's lock, which a slow poll holds.
            synchronized (GitHubReleaseTrigger.class) {
                if (started == null) {
                    started = new RecentDeliveries();
                }
                s = started;
            }
        }
        return s;
    }

    /**
     * Looks at one webhook delivery for this job.
     *
     * @param headers the request headers
     * @param body the raw body
     * @return the outcome, or null when this trigger takes no webhooks (no job yet, no secret configured)
     */
    WebhookOutcome receive(Map<String, String> headers, byte[] body) {
        Job<?, ?> j = job;
        if (j == null || secretCredentialsId == null) {
            return null;
        }
        String secret = secretText(j, secretCredentialsId);
        if (secret == null) {
            LOGGER.warning("GitHub release webhook for " + j.getFullName() + ": the secret credential '"
                    + secretCredentialsId + "' is missing or not Secret text");
            return new WebhookOutcome(403, WebhookOutcome.Kind.REJECTED, "no configured secret verifies this delivery",
                    headers.get(WebhookHandler.DELIVERY_HEADER), null);
        }
        WebhookOutcome o = new WebhookHandler(new WebhookVerifier(secret), filter(), null, startedMemory()).handle(headers, body);
        if (o.kind() == WebhookOutcome.Kind.TRIGGERED && !schedule(o.release())) {
            return new WebhookOutcome(200, WebhookOutcome.Kind.DUPLICATE, "ignored: release " + o.release().tagName()
                    + " already started this job", o.delivery(), o.release());
        }
        return o;
    }

    /** Polls once, now, on the calling thread; overlapping cron ticks wait for each other. */
    synchronized void poll() {
        Job<?, ?> j = job;
        if (j == null) {
            return;
        }
        try {
            if (pollState == null) {
                pollState = loadPollState(j);
            }
            PollResult result = poller(j).poll(pollState, filter());
            for (Release r : result.newReleases()) {
                schedule(r);
            }
            if (!result.state().equals(pollState)) {
                pollState = result.state();
                savePollState(j, pollState);
            }
        } catch (EngineException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + ": " + e.getMessage());
        }
    }

    /**
     * The state the last poll left in the job's folder. Without it, the first poll after a restart would only take
     * stock again, and a release published while Jenkins was down would never start the job.
     */
    private static PollState loadPollState(Job<?, ?> j) {
        Path file = pollStateFile(j);
        try {
            return Files.exists(file) ? PollState.decode(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : PollState.INITIAL;
        } catch (IOException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + ": could not read " + file
                    + " (" + e.getMessage() + "); taking stock of the existing releases again");
            return PollState.INITIAL;
        }
    }

    private static void savePollState(Job<?, ?> j, PollState state) {
        Path file = pollStateFile(j);
        try {
            // A crash mid-write leaves the previous state, not half of one.
            AtomicWrite.writeString(file, state.encode() + "\n");
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + ": could not save " + file
                    + " (" + e.getMessage() + "); the state is kept in memory until Jenkins restarts");
        }
    }

    /**
     * @param j the job
     * @return the file in the job's folder that keeps what polling has seen
     */
    static Path pollStateFile(Job<?, ?> j) {
        return j.getRootDir().toPath().resolve(POLL_STATE_FILE);
    }

    private synchronized ReleasePoller poller(Job<?, ?> j) {
        String token = apiTokenCredentialsId == null ? null : secretText(j, apiTokenCredentialsId);
        if (apiTokenCredentialsId != null && token == null) {
            throw new IllegalArgumentException("the API token credential '" + apiTokenCredentialsId
                    + "' is missing or not Secret text");
        }
        // Kept while the URL and token stay the same, so a rate-limit reset it learnt is honoured.
        String key = apiUrl + "\n" + (token == null ? "" : Integer.toHexString(token.hashCode()));
        if (poller == null || !key.equals(pollerKey)) {
            poller = ReleasePoller.builder(repository).apiUrl(apiUrl).token(token)
                    .maxWait(Duration.ZERO)
                    .build();
            pollerKey = key;
        }
        return poller;
    }

    /**
     * Schedules the job for a release, once: a release seen by both the webhook and polling, or
     * delivered twice, starts one build.
     *
     * @param release the release
     * @return whether a build was scheduled now
     */
    boolean schedule(Release release) {
        Job<?, ?> j = job;
        String key = "release:" + release.repository().toLowerCase(Locale.ROOT) + "#"
                + (release.id() != 0 ? Long.toString(release.id()) : release.tagName());
        if (j == null || !startedMemory().markNew(key)) {
            return false;
        }
        Map<String, String> params = release.toBuildParameters();
        List<ParameterValue> values = new ArrayList<>();
        params.forEach((name, value) -> values.add(new StringParameterValue(name, value)));
        // Undeclared parameters are hidden from builds unless named as safe (SECURITY-170).
        List<Action> actions = List.of(new CauseAction(new GitHubReleaseCause(release)),
                new ParametersAction(values, params.keySet()));
        BuildScheduler s = scheduler;
        boolean queued = (s == null ? BuildScheduler.QUEUE : s).schedule(j, actions);
        LOGGER.info((queued ? "Scheduled " : "Could not schedule ") + j.getFullName() + " for GitHub release "
                + release.tagName() + " of " + release.repository());
        return queued;
    }

    private static String secretText(Item item, String id) {
        for (StringCredentials c : CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, ACL.SYSTEM2, List.of())) {
            if (id.equals(c.getId())) {
                return c.getSecret().getPlainText();
            }
        }
        return null;
    }

    /** The trigger's descriptor: form checks and credential lists, answered only to who may configure the job. */
    @Extension
    @Symbol("immutableDeployRelease")
    public static class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof Job;
        }

        @Override
        public String getDisplayName() {
            return Messages.format("GitHubReleaseTrigger.displayName");
        }

        /**
         * @param item the job being configured
         * @param value the repository field
         * @return ok, or why it is not {@code owner/name}
         */
        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> check(() -> ReleaseFilter.checkRepository("repository", value == null ? null : value.trim())));
        }

        /**
         * @param item the job being configured
         * @param value the tag pattern field
         * @return ok, or why it is not a regular expression
         */
        @POST
        public FormValidation doCheckTagPattern(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> check(() -> ReleaseFilter.compileTagPattern(value)));
        }

        /**
         * @param item the job being configured
         * @param value the API URL field
         * @return ok, or why it is not an http(s) URL
         */
        @POST
        public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> Fields.trimToNull(value) == null ? FormValidation.ok()
                    : check(() -> ReleasePoller.parseApiUrl("apiUrl", value)));
        }

        /**
         * @param item the job being configured
         * @param value the polling schedule field
         * @param secretCredentialsId the webhook secret field
         * @return a hint when neither polling nor a webhook secret is set, else what the cron parser says
         */
        @POST
        public FormValidation doCheckPollingSpec(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String secretCredentialsId) {
            return Fields.check(item, () -> pollingSpec(value, secretCredentialsId));
        }

        /**
         * @param item the job being configured
         * @param secretCredentialsId the current value
         * @return the Secret text credentials the user may pick
         */
        @POST
        public ListBoxModel doFillSecretCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String secretCredentialsId) {
            return CredentialsLookup.fillItems(item, secretCredentialsId, StringCredentials.class);
        }

        /**
         * @param item the job being configured
         * @param apiTokenCredentialsId the current value
         * @return the Secret text credentials the user may pick
         */
        @POST
        public ListBoxModel doFillApiTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String apiTokenCredentialsId) {
            return CredentialsLookup.fillItems(item, apiTokenCredentialsId, StringCredentials.class);
        }

        private static FormValidation pollingSpec(String value, String secretCredentialsId) {
            if (Fields.trimToNull(value) == null) {
                return Fields.trimToNull(secretCredentialsId) == null
                        ? FormValidation.warning(Messages.format("GitHubReleaseTrigger.nothingStarts"))
                        : FormValidation.ok();
            }
            try {
                String sanity = CronTabList.create(value.trim()).checkSanity();
                return sanity == null ? FormValidation.ok() : FormValidation.warning(sanity);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static FormValidation check(Runnable validation) {
            try {
                validation.run();
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
