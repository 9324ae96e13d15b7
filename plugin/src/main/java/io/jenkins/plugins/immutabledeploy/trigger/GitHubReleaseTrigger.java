package io.jenkins.plugins.immutabledeploy.trigger;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.StringParameterValue;
import hudson.model.queue.Tasks;
import hudson.scheduler.CronTabList;
import hudson.scheduler.Hash;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.immutabledeploy.engine.EngineException;
import io.jenkins.plugins.immutabledeploy.engine.github.GitTagName;
import io.jenkins.plugins.immutabledeploy.engine.github.PollResult;
import io.jenkins.plugins.immutabledeploy.engine.github.PollState;
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleaseFilter;
import io.jenkins.plugins.immutabledeploy.engine.github.ReleasePoller;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookHandler;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome.Kind;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookVerifier;
import io.jenkins.plugins.immutabledeploy.jenkins.CredentialsLookup;
import io.jenkins.plugins.immutabledeploy.jenkins.Fields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * way each release starts the job once, with {@code RELEASE_*} parameters (beside the defaults of
 * the job's own parameters) and a {@link GitHubReleaseCause}. Credentials are looked up as the
 * job's authentication, as its builds' are.
 *
 * <pre>triggers { immutableDeployRelease(repository: 'owner/app', secretCredentialsId: 'github-webhook-secret') }</pre>
 */
public class GitHubReleaseTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(GitHubReleaseTrigger.class.getName());

    /** Polls of every job: two at a time, at most 64 waiting. */
    private static final PollQueue POLLS = new PollQueue(2, 64);

    private final String repository;
    private String secretCredentialsId;
    private String tagPattern;
    private boolean includePrereleases;
    private String pollingSpec;
    private String apiUrl;
    private String apiTokenCredentialsId;

    private transient ReleasePoller poller;
    private transient String pollerKey;
    /** Where builds go: Jenkins' queue unless another was given. */
    private transient volatile BuildScheduler scheduler;
    /** Where polls wait: {@link #POLLS} unless another was given. */
    private transient volatile PollQueue polls;

    /** What became of offering a release to the job. */
    enum Start {
        /** The build is in the queue and the release is remembered as started. */
        SCHEDULED,
        /** The release started the job before: nothing was done. */
        ALREADY_STARTED,
        /** The job could not take the build (disabled, Jenkins quieting down): nothing was remembered. */
        NOT_SCHEDULED
    }

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

    /** @param polls where this trigger's polls wait, e.g. a test's small queue */
    void setPollQueue(PollQueue polls) {
        this.polls = polls;
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
    }

    /**
     * The cron tick: queues a poll. Dropped, and logged, when this trigger's last poll still waits or
     * runs or when too many polls wait (GitHub slow or unreachable); the next tick tries again.
     */
    @Override
    public void run() {
        Job<?, ?> j = job;
        if (j == null || pollingSpec == null) {
            return;
        }
        PollQueue queue = polls == null ? POLLS : polls;
        switch (queue.offer(this, this::poll)) {
            case QUEUED -> { }
            case ALREADY_PENDING -> LOGGER.fine(() -> "GitHub release polling of " + j.getFullName()
                    + ": the previous poll has not finished; this tick adds none");
            case FULL -> LOGGER.warning("GitHub release polling of " + j.getFullName() + " skipped at this tick: "
                    + queue.capacity() + " polls are already waiting (is GitHub slow or unreachable?); the next tick "
                    + "tries again");
        }
    }

    private ReleaseFilter filter() {
        return ReleaseFilter.of(repository, tagPattern, includePrereleases);
    }

    /**
     * Looks at one webhook delivery for a job holding this trigger; the delivery already passed
     * {@link WebhookHandler#screen}.
     *
     * @param j the job, as found at delivery time
     * @param headers the request headers
     * @param body the raw body
     * @return the outcome, or null when this trigger takes no webhooks (no secret configured)
     */
    WebhookOutcome receive(Job<?, ?> j, Map<String, String> headers, byte[] body) {
        if (secretCredentialsId == null) {
            return null;
        }
        StringCredentials secret = credential(j, secretCredentialsId);
        String value = secret == null ? "" : secret.getSecret().getPlainText();
        if (value.isEmpty()) {
            LOGGER.warning("GitHub release webhook for " + j.getFullName() + ": the secret credential '"
                    + secretCredentialsId + "' is missing, empty, not Secret text, or not available to the job's "
                    + "authentication (" + runsAs(j) + ")");
            return new WebhookOutcome(403, Kind.REJECTED, "no configured secret verifies this delivery",
                    headers.get(WebhookHandler.DELIVERY_HEADER), null);
        }
        WebhookOutcome o = new WebhookHandler(new WebhookVerifier(value), filter(), null).handle(headers, body);
        if (o.kind() != Kind.REJECTED) {
            // Only a delivery the secret verified used it.
            CredentialsProvider.track(j, secret);
        }
        if (o.kind() != Kind.TRIGGERED) {
            return o;
        }
        return switch (start(j, o.release())) {
            case SCHEDULED -> o;
            case ALREADY_STARTED -> new WebhookOutcome(200, Kind.DUPLICATE, "ignored: release " + o.release().tagName()
                    + " already started this job", o.delivery(), o.release());
            case NOT_SCHEDULED -> new WebhookOutcome(503, Kind.NOT_SCHEDULED, "release " + o.release().tagName()
                    + " passed every check, but the job could not take the build now", o.delivery(), o.release());
        };
    }

    /**
     * Polls once, now, on the calling thread; overlapping polls of this trigger wait for each other.
     * GitHub is read without holding the job's state lock, so a webhook delivery is not held up.
     */
    synchronized void poll() {
        Job<?, ?> j = job;
        if (j == null) {
            return;
        }
        try {
            PollState before;
            synchronized (TriggerStateFile.lock(j)) {
                before = TriggerStateFile.read(j);
            }
            PollResult result = poller(j).poll(before, filter());
            List<Long> again = new ArrayList<>();
            for (Release r : result.newReleases()) {
                Optional<String> badTag = GitTagName.problem(r.tagName());
                if (badTag.isPresent()) {
                    // Seen, so it is not offered again: a release never gets a valid tag later.
                    LOGGER.warning("GitHub release polling of " + j.getFullName() + ": skipped release " + r.id()
                            + " of " + r.repository() + ": its tag " + GitTagName.quote(r.tagName())
                            + " is not a tag name git accepts (" + badTag.get() + ")");
                } else if (start(j, r) == Start.NOT_SCHEDULED) {
                    again.add(r.id());
                }
            }
            synchronized (TriggerStateFile.lock(j)) {
                PollState now = TriggerStateFile.read(j);
                PollState next = now.withPollingOf(result.state()).offeringAgain(again);
                if (!next.equals(now)) {
                    TriggerStateFile.write(j, next);
                }
            }
        } catch (EngineException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + " failed", e);
        }
    }

    private synchronized ReleasePoller poller(Job<?, ?> j) {
        StringCredentials credential = apiTokenCredentialsId == null ? null : credential(j, apiTokenCredentialsId);
        if (apiTokenCredentialsId != null && credential == null) {
            throw new IllegalArgumentException("the API token credential '" + apiTokenCredentialsId + "' is missing, "
                    + "not Secret text, or not available to the job's authentication (" + runsAs(j)
                    + "); nothing was sent");
        }
        String token = credential == null ? null : CredentialsProvider.track(j, credential).getSecret().getPlainText();
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
     * delivered again, even after a restart, starts one build. The release is remembered only once
     * the queue took the build, so a job that could not take it (disabled) gets it at the next
     * delivery or poll.
     *
     * @param j the job
     * @param release the release
     * @return what became of it
     */
    Start start(Job<?, ?> j, Release release) {
        synchronized (TriggerStateFile.lock(j)) {
            PollState state = TriggerStateFile.read(j);
            if (state.started(release.startKey())) {
                return Start.ALREADY_STARTED;
            }
            BuildScheduler s = scheduler;
            boolean queued = (s == null ? BuildScheduler.QUEUE : s).schedule(j, actions(j, release));
            LOGGER.info((queued ? "Scheduled " : "Could not schedule (disabled?) ") + j.getFullName()
                    + " for GitHub release " + release.tagName() + " of " + release.repository());
            if (!queued) {
                return Start.NOT_SCHEDULED;
            }
            TriggerStateFile.write(j, state.withStarted(release.startKey()));
            return Start.SCHEDULED;
        }
    }

    /**
     * The build's cause and parameters: the release's {@code RELEASE_*} values over the defaults of
     * the job's own parameters. Jenkins adds those defaults only when no parameters are given, so
     * they are merged here; undeclared parameters reach a build only when named safe (SECURITY-170),
     * so the {@code RELEASE_*} names are.
     */
    static List<Action> actions(Job<?, ?> j, Release release) {
        Map<String, String> params = release.toBuildParameters();
        List<ParameterValue> values = new ArrayList<>();
        params.forEach((name, value) -> values.add(new StringParameterValue(name, value)));
        ParametersAction parameters = new ParametersAction(defaults(j), params.keySet()).createUpdated(values);
        return List.of(new CauseAction(new GitHubReleaseCause(release)), parameters);
    }

    private static List<ParameterValue> defaults(Job<?, ?> j) {
        List<ParameterValue> defaults = new ArrayList<>();
        ParametersDefinitionProperty property = j.getProperty(ParametersDefinitionProperty.class);
        if (property != null) {
            for (ParameterDefinition d : property.getParameterDefinitions()) {
                ParameterValue v = d.getDefaultParameterValue();
                if (v != null) {
                    defaults.add(v);
                }
            }
        }
        return defaults;
    }

    /**
     * A Secret text credential as the job's builds would find it: in the job's context, as the
     * job's authentication (SYSTEM unless an authenticator such as Authorize Project says
     * otherwise), so configuring a trigger reaches no credential the job's builds could not use.
     */
    private static StringCredentials credential(Job<?, ?> j, String id) {
        if (!(j instanceof Queue.Task task)) {
            return null;
        }
        return CredentialsProvider.findCredentialByIdInItem(id, StringCredentials.class, j,
                Tasks.getAuthenticationOf2(task), List.of());
    }

    /** @return whom the job's builds run as, for messages */
    private static String runsAs(Job<?, ?> j) {
        return j instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task).getName() : "none: it cannot be queued";
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
