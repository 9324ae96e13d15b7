package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.AbortException;
import hudson.model.Job;
import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneRequest;
import io.jenkins.plugins.immutabledeploy.engine.digitalocean.PruneResult;
import io.jenkins.plugins.immutabledeploy.engine.ops.Prune;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping shared by {@link PruneImagesStep} and {@link PruneImagesBuilder}: fields to request, result to variables. */
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

    /** The step's names for the request's fields, for the engine's messages. */
    static final Vocabulary NAMES = Vocabulary.FIELDS.with(Map.of("token", "credentialsId"));

    /**
     * Prunes; the outcome (also of a delete that fails part-way) goes on the build page. The fields are checked before
     * the credential is read or anything is listed, so a wrong field fails first. Aborting the build interrupts the
     * calls to DigitalOcean and any wait between them; the snapshots not yet deleted stay.
     *
     * @param f the options
     * @param engine the run
     * @param jobs finds the jobs named in {@code protectJobs}
     * @return what was deleted, kept and protected
     * @throws AbortException when the credential is missing or of the wrong type
     */
    static PruneResult prune(Options f, EngineRun engine, Jobs jobs) throws AbortException {
        PruneRequest request = PruneRequest.builder().names(NAMES).prefix(f.getPrefix()).regex(f.getRegex())
                .keep(f.getKeep()).protect(Fields.list(f.getProtect())).dryRun(f.isDryRun()).apiUrl(f.getApiUrl())
                .build();
        for (String name : Fields.list(f.getProtectJobs())) {
            Job<?, ?> job = jobs.byFullName(name);
            if (job == null) {
                // Better to stop than to prune the images of a job we were asked to respect but cannot see.
                throw new IllegalArgumentException(Messages.get("Prune.noSuchJob", name));
            }
            List<DeploymentRecord> theirs = DeploymentRecord.newestSuccessful(RunRecordStore.recordsFrom(job.getLastBuild()));
            engine.info(Messages.get("Prune.protectingJob", theirs.size(), name));
            request = request.protectingAlso(theirs);
        }
        String token = engine.secretText("credentialsId", f.getCredentialsId());
        return Prune.run(new Prune.Request(request, token, f.getCredentialsId()), engine.context());
    }

    /**
     * @param result what was deleted, kept and protected
     * @return {@code PRUNED_IMAGE_IDS}, {@code KEPT_IMAGE_IDS}, {@code PROTECTED_IMAGE_IDS} (comma separated) and
     *     {@code PRUNE_DRY_RUN}
     */
    static Map<String, String> variables(PruneResult result) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PRUNED_IMAGE_IDS", String.join(",", result.deletedIds()));
        env.put("KEPT_IMAGE_IDS", String.join(",", result.keptIds()));
        env.put("PROTECTED_IMAGE_IDS", String.join(",", result.protectedIds()));
        env.put("PRUNE_DRY_RUN", String.valueOf(result.dryRun()));
        return env;
    }
}
