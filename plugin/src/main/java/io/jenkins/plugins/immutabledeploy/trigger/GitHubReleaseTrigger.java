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
import io.jenkins.plugins.immutabledeploy.engine.github.Release;
import io.jenkins.plugins.immutabledeploy.engine.github.WebhookOutcome;
import io.jenkins.plugins.immutabledeploy.engine.ops.WatchReleases;
import io.jenkins.plugins.immutabledeploy.jenkins.CredentialsLookup;
import io.jenkins.plugins.immutabledeploy.jenkins.Fields;
import io.jenkins.plugins.immutabledeploy.jenkins.JenkinsHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * way each release starts the job once ({@link WatchReleases} decides, with the job's state file),
 * with {@code RELEASE_*} parameters (beside the defaults of the job's own parameters) and a
 * {@link GitHubReleaseCause}. Credentials are looked up as the job's authentication, as its builds' are.
 *
 * <pre>triggers { immutableDeployRelease(repository: 'owner/app', secretCredentialsId: 'github-webhook-secret') }</pre>
 */
public class GitHubReleaseTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(GitHubReleaseTrigger.class.getName());

    /** Polls of every job: two at a time, at most 64 waiting. */
    private static final PollQueue POLLS = new PollQueue(2, 64);

    /**
     * In the job's folder: what polling has seen and the releases that started the job, so a restart loses neither.
     */
    static final String POLL_STATE_FILE = "github-release-poll-state.txt";

    private static final String WARNING = "WARNING: ";

    private final String repository;
    private String secretCredentialsId;
    private String tagPattern;
    private boolean includePrereleases;
    private String pollingSpec;
    private String apiUrl;
    private String apiTokenCredentialsId;

    /** Watches the repository with this trigger's settings. */
    private transient WatchReleases watch;
    /** Where builds go: Jenkins' queue unless another was given. */
    private transient volatile BuildScheduler scheduler;
    /** Where polls wait: {@link #POLLS} unless another was given. */
    private transient volatile PollQueue polls;

    /**
     * @param repository {@code owner/name}
     * @throws IllegalArgumentException when it is not {@code owner/name}
     */
    @DataBoundConstructor
    public GitHubReleaseTrigger(String repository) {
        super();
        // Required here: a watcher without a repository would take the releases of any.
        this.repository = new WatchReleases.Request(repository == null ? "" : repository, null, false, null, null)
                .repository();
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
        this.tagPattern = new WatchReleases.Request(repository, tagPattern, false, null, null).tagPattern();
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
        new WatchReleases.Request(repository, null, false, apiUrl, null);
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

    /** The watcher of this trigger's settings; a new one when they changed (a configuration is a new trigger). */
    private synchronized WatchReleases watch() {
        WatchReleases.Request request = new WatchReleases.Request(repository, tagPattern, includePrereleases, apiUrl, null);
        if (watch == null || !watch.request().equals(request)) {
            watch = new WatchReleases(request, this::log, JenkinsHttp.client());
        }
        return watch;
    }

    /** The watcher's lines in Jenkins' log, naming the job, warnings as warnings. */
    private void log(String line) {
        Job<?, ?> j = job;
        String where = j == null ? "" : j.getFullName() + ": ";
        if (line.startsWith(WARNING)) {
            LOGGER.warning(where + line.substring(WARNING.length()));
        } else {
            LOGGER.info(where + line);
        }
    }

    /**
     * Looks at one webhook delivery for a job holding this trigger; the delivery already passed the checks that
     * need no secret ({@link WatchReleases#deliver}).
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
        }
        WebhookOutcome o = watch().receive(headers, body, value, pollStateFile(j), r -> schedule(j, r));
        if (secret != null && o.kind() != WebhookOutcome.Kind.REJECTED) {
            // Only a delivery the secret verified used it.
            CredentialsProvider.track(j, secret);
        }
        return o;
    }

    /**
     * Polls once, now, on the calling thread; overlapping polls of this trigger wait for each other. What polling
     * has seen is kept in the job's folder ({@link #pollStateFile}).
     */
    void poll() {
        Job<?, ?> j = job;
        if (j == null) {
            return;
        }
        try {
            watch().poll(token(j), pollStateFile(j), r -> schedule(j, r));
        } catch (EngineException | IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "GitHub release polling of " + j.getFullName() + " failed", e);
        }
    }

    /** The polling token, looked up as the job's authentication and tracked on the job; null when none is set. */
    private String token(Job<?, ?> j) {
        if (apiTokenCredentialsId == null) {
            return null;
        }
        StringCredentials credential = credential(j, apiTokenCredentialsId);
        if (credential == null) {
            throw new IllegalArgumentException("the API token credential '" + apiTokenCredentialsId + "' is missing, "
                    + "not Secret text, or not available to the job's authentication (" + runsAs(j)
                    + "); nothing was sent");
        }
        return CredentialsProvider.track(j, credential).getSecret().getPlainText();
    }

    /**
     * @param j the job
     * @return the file in the job's folder that keeps what polling has seen and the releases that started the job
     */
    static Path pollStateFile(Job<?, ?> j) {
        return j.getRootDir().toPath().resolve(POLL_STATE_FILE);
    }

    /**
     * Puts a build of the job for a release in the queue; {@link WatchReleases} offers each release once, and
     * remembers it only when the queue took the build.
     *
     * @param j the job
     * @param release the release
     * @return whether the queue took the build (false: disabled, Jenkins quieting down)
     */
    private boolean schedule(Job<?, ?> j, Release release) {
        BuildScheduler s = scheduler;
        boolean queued = (s == null ? BuildScheduler.QUEUE : s).schedule(j, actions(j, release));
        LOGGER.info((queued ? "Scheduled " : "Could not schedule (disabled?) ") + j.getFullName()
                + " for GitHub release " + release.tagName() + " of " + release.repository());
        return queued;
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
            return Fields.check(item, () -> check(() -> new WatchReleases.Request(value, null, false, null, null)));
        }

        /**
         * @param item the job being configured
         * @param value the tag pattern field
         * @return ok, or why it is not a regular expression
         */
        @POST
        public FormValidation doCheckTagPattern(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> check(() -> new WatchReleases.Request("owner/name", value, false, null, null)));
        }

        /**
         * @param item the job being configured
         * @param value the API URL field
         * @return ok, or why it is not an http(s) URL
         */
        @POST
        public FormValidation doCheckApiUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return Fields.check(item, () -> check(() -> new WatchReleases.Request("owner/name", null, false, value, null)));
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
