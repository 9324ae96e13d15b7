package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import jenkins.model.TransientActionFactory;

/**
 * The job page's "last deployments": for each deployed directory, the newest deployment and the image it put live,
 * read from the {@link DeploymentAction}s of the job's builds. Every job has it ({@link Factory}), whatever its last
 * build did; it shows nothing for a job that never deployed.
 *
 * <p>Reading a build may load it from disk, so a page view reads only the builds that are newer than what an earlier
 * view saw finished: the rows of finished builds are kept per job, and only new or running builds are read again. A
 * job's first view reads at most {@value #DEPTH} builds back.
 */
public final class LastDeploymentsAction implements Action {
    /** How many builds back the first page view looks. */
    static final int DEPTH = 50;

    /** Per job: the rows of the builds that had finished when a view read them. */
    private static final Map<Job<?, ?>, Seen> SEEN = Collections.synchronizedMap(new WeakHashMap<>());

    private final Job<?, ?> job;

    /** @param job the job */
    public LastDeploymentsAction(Job<?, ?> job) {
        this.job = job;
    }

    /** @return the job */
    public Job<?, ?> getJob() {
        return job;
    }

    /**
     * The rows of the builds numbered up to {@code through}, all of which had finished when they were read.
     *
     * @param through the newest build they cover
     * @param rows one row per directory, newest first
     */
    private record Seen(int through, List<Map<String, String>> rows) {}

    /**
     * @return one row per deployed directory, newest first: {@code dir}, {@code build}, {@code url}, {@code result},
     *     {@code image} (from the deployment's vars or the image baked in the same build)
     */
    public List<Map<String, String>> getDeployments() {
        Seen seen = SEEN.get(job);
        int through = seen == null ? 0 : seen.through();
        List<Run<?, ?>> fresh = new ArrayList<>();
        Run<?, ?> r = job.getLastBuild();
        for (; r != null && r.getNumber() > through && fresh.size() < DEPTH; r = r.getPreviousBuild()) {
            fresh.add(r);
        }
        // Cut off by the depth: what was seen before is no longer next to what was read now.
        List<Map<String, String>> before = r != null && r.getNumber() > through || seen == null ? List.of() : seen.rows();
        int running = -1;
        for (int i = 0; i < fresh.size(); i++) {
            if (fresh.get(i).isBuilding()) {
                running = i;
            }
        }
        List<Run<?, ?>> finished = fresh.subList(running + 1, fresh.size());
        List<Map<String, String>> settled = newestFirst(rowsOf(finished), before);
        if (!finished.isEmpty()) {
            SEEN.put(job, new Seen(finished.get(0).getNumber(), settled));
        }
        return newestFirst(rowsOf(fresh.subList(0, running + 1)), settled);
    }

    /** One row per directory of the given builds (newest first), newest deployment first. */
    private static List<Map<String, String>> rowsOf(List<Run<?, ?>> builds) {
        Map<String, Map<String, String>> byDir = new LinkedHashMap<>();
        for (Run<?, ?> r : builds) {
            DeploymentAction a = r.getAction(DeploymentAction.class);
            if (a == null) {
                continue;
            }
            List<DeploymentAction.Entry> bakes = a.getEntries(DeploymentAction.BAKE);
            String baked = bakes.isEmpty() ? "" : bakes.get(bakes.size() - 1).get("id");
            List<DeploymentAction.Entry> deploys = new ArrayList<>(a.getEntries(DeploymentAction.DEPLOY));
            deploys.addAll(a.getEntries(DeploymentAction.ROLLBACK));
            for (int i = deploys.size() - 1; i >= 0; i--) {
                DeploymentAction.Entry e = deploys.get(i);
                String dir = e.get("dir");
                if (byDir.containsKey(dir)) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                row.put("dir", dir);
                row.put("build", r.getDisplayName());
                row.put("url", r.getUrl());
                row.put("result", e.get("result"));
                String image = e.get("image");
                row.put("image", image.isEmpty() ? baked : image);
                byDir.put(dir, Collections.unmodifiableMap(row));
            }
        }
        return List.copyOf(byDir.values());
    }

    /** The newer rows, then the older ones of the directories the newer do not have. */
    private static List<Map<String, String>> newestFirst(List<Map<String, String>> newer, List<Map<String, String>> older) {
        Map<String, Map<String, String>> byDir = new LinkedHashMap<>();
        newer.forEach(row -> byDir.putIfAbsent(row.get("dir"), row));
        older.forEach(row -> byDir.putIfAbsent(row.get("dir"), row));
        return List.copyOf(byDir.values());
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.get("LastDeploymentsAction.DisplayName");
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /**
     * Puts the table on every job's page, independent of what the last build did (a {@code LastBuildAction} would
     * vanish after any build that did not deploy).
     */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Class<? extends Action> actionType() {
            return LastDeploymentsAction.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            return List.of(new LastDeploymentsAction(target));
        }
    }
}
