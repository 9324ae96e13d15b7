package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.model.Job;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.DigitalOceanClient;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ImagePruner;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.ProtectedImages;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneFailedException;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.process.Cancellation;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/** The mapping shared by {@link PruneImagesStep} and {@link PruneImagesBuilder}: fields to request, result to values. */
final class PruneGlue {
    private PruneGlue() {}

    /** The fields of both. */
    interface Options {
        String getCredentialsId();

        String getPrefix();

        String getRegex();

        int getKeep();

        String getProtect();

        String getProtectJobs();

        boolean isDryRun();

        String getApiUrl();
    }

    /**
     * The prune request without the deployments' images: the name filter, how many to keep, the ids given.
     *
     * @param f the options
     * @return the request's builder; {@code build()} checks the fields
     */
    static PruneRequest.Builder request(Options f) {
        return PruneRequest.builder().prefix(f.getPrefix()).regex(f.getRegex()).keep(f.getKeep())
                .protect(Fields.list(f.getProtect())).dryRun(f.isDryRun());
    }

    /**
     * Prunes, records the outcome on the build and returns the masked result map. Aborting the build interrupts
     * the calls to DigitalOcean and any wait between them; the snapshots not yet deleted stay.
     *
     * @param f the options
     * @param engine the run
     * @return {@link PruneResult#toMap()}, masked
     * @throws AbortException when the credential is missing or of the wrong type
     */
    static Map<String, Object> prune(Options f, EngineRun engine) throws AbortException {
        // Checked before the credential is read or anything is listed, so a wrong field fails first.
        PruneRequest.Builder request = request(f);
        request.build();
        if (f.getCredentialsId() == null) {
            throw new IllegalArgumentException(Messages.get("Fields.required", "credentialsId"));
        }
        String token = CredentialsLookup.secretText(engine.run(), "credentialsId", f.getCredentialsId());
        engine.secrets().add(token);
        DigitalOceanClient client = engine.digitalOcean(token, f.getCredentialsId(), f.getApiUrl());
        List<DeploymentRecord> latest = new ArrayList<>(new RunRecordStore(engine.run(), engine.workspace()).latestSuccessful());
        engine.log().info(Messages.get("Prune.protecting", Fields.list(f.getProtect()).size(), latest.size()));
        for (String name : Fields.list(f.getProtectJobs())) {
            List<DeploymentRecord> theirs = ProtectedImages.newestSuccessful(RunRecordStore.recordsFrom(job(name).getLastBuild()));
            engine.log().info(Messages.get("Prune.protectingJob", theirs.size(), name));
            latest.addAll(theirs);
        }
        Thread worker = Thread.currentThread();
        AtomicBoolean interrupted = new AtomicBoolean();
        PruneResult result;
        try (Cancellation.Registration r = engine.cancellation().onCancel(() -> {
            interrupted.set(true);
            worker.interrupt();
        })) {
            result = new ImagePruner(client, engine.log()).prune(request.protectRecords(latest).build());
        } catch (PruneFailedException e) {
            // What was deleted before the failure stays on the build page, not only in the message.
            DeploymentAction.of(engine.run()).add(DeploymentAction.PRUNE, engine.masked(e.partial().toMap()));
            throw e;
        } finally {
            if (interrupted.get()) {
                // Our interrupt, not Jenkins': the pooled thread must not carry it into its next task.
                Thread.interrupted();
            }
        }
        LinkedHashMap<String, Object> map = engine.masked(result.toMap());
        DeploymentAction.of(engine.run()).add(DeploymentAction.PRUNE, map);
        return map;
    }

    /** Finds a job by its full name; tests replace it because the stand-in has no Jenkins. */
    static volatile Function<String, Job<?, ?>> jobs = name -> Jenkins.get().getItemByFullName(name, Job.class);

    private static Job<?, ?> job(String name) {
        Job<?, ?> j;
        try {
            j = jobs.apply(name);
        } catch (AccessDeniedException e) {
            j = null;
        }
        if (j == null) {
            // Better to stop than to prune the images of a job we were asked to respect but cannot see.
            throw new IllegalArgumentException(Messages.get("Prune.noSuchJob", name));
        }
        return j;
    }

    /**
     * @param result a masked prune result map
     * @return {@code PRUNED_IMAGE_IDS}, {@code KEPT_IMAGE_IDS}, {@code PROTECTED_IMAGE_IDS} (comma separated) and
     *     {@code PRUNE_DRY_RUN}
     */
    static Map<String, String> variables(Map<String, Object> result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PRUNED_IMAGE_IDS", ids(result.get("deleted")));
        env.put("KEPT_IMAGE_IDS", ids(result.get("kept")));
        env.put("PROTECTED_IMAGE_IDS", ids(result.get("protected")));
        env.put("PRUNE_DRY_RUN", String.valueOf(result.get("dryRun")));
        return env;
    }

    private static String ids(Object snapshots) {
        return String.join(",", ((List<?>) snapshots).stream().map(s -> String.valueOf(((Map<?, ?>) s).get("id"))).toList());
    }
}
