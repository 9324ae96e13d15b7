package io.jenkins.plugins.immutabledeploy.trigger;

import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.triggers.TriggeredItem;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * A job in memory with a folder, as the stand-in leaves jobs to subclasses: it holds its triggers as a
 * Pipeline or freestyle job does and can run its builds as a user (as Authorize Project sets it); it
 * never runs builds itself.
 */
final class ReleaseJob extends Job<ReleaseJob, ReleaseJob.ReleaseRun> implements TriggeredItem, Queue.Task {
    private static final TriggerDescriptor DESCRIPTOR = new GitHubReleaseTrigger.DescriptorImpl();

    private final File rootDir;
    private final Authentication runsAs;
    private volatile Map<TriggerDescriptor, Trigger<?>> triggers = Map.of();

    /**
     * @param name the job name
     * @param rootDir the job's folder (where the trigger keeps its state)
     */
    ReleaseJob(String name, Path rootDir) {
        this(name, rootDir, null);
    }

    /**
     * @param name the job name
     * @param rootDir the job's folder
     * @param runsAs whom the job's builds run as; null for SYSTEM
     */
    ReleaseJob(String name, Path rootDir, String runsAs) {
        super((ItemGroup<?>) null, name);
        try {
            this.rootDir = Files.createDirectories(rootDir).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.runsAs = runsAs == null ? ACL.SYSTEM2 : new UsernamePasswordAuthenticationToken(runsAs, null, List.of());
    }

    /**
     * Sets the job's trigger, as saving its configuration does: the new trigger is started, the old one is
     * dropped without {@code stop()}, as Jenkins does on a config.xml POST, Job DSL, JCasC or a reload.
     *
     * @param trigger the trigger
     * @return the trigger
     */
    GitHubReleaseTrigger setTrigger(GitHubReleaseTrigger trigger) {
        triggers = Map.of(DESCRIPTOR, trigger);
        trigger.start(this, true);
        return trigger;
    }

    @Override
    public Map<TriggerDescriptor, Trigger<?>> getTriggers() {
        return triggers;
    }

    @Override
    public Authentication getDefaultAuthentication2() {
        return runsAs;
    }

    @Override
    public File getRootDir() {
        return rootDir;
    }

    @Override
    public boolean hasPermission(Permission permission) {
        return true;
    }

    /** The job's build type; the queue is recorded instead of run. */
    abstract static class ReleaseRun extends Run<ReleaseJob, ReleaseRun> {
        ReleaseRun(ReleaseJob job) throws IOException {
            super(job);
        }
    }
}
