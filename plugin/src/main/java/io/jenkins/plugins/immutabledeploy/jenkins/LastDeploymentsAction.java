package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job page's "last deployments": for each deployed directory, the newest deployment and the image it
 * put live, read from the {@link DeploymentAction}s of recent builds.
 */
public final class LastDeploymentsAction implements Action {
    /** How many builds back the job page looks. */
    static final int DEPTH = 50;

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
     * @return one row per deployed directory, newest first: {@code dir}, {@code build}, {@code result},
     *     {@code image} (from the deployment's vars or the image baked in the same build)
     */
    public List<Map<String, String>> getDeployments() {
        Map<String, Map<String, String>> byDir = new LinkedHashMap<>();
        int seen = 0;
        for (Run<?, ?> r = job.getLastBuild(); r != null && seen < DEPTH; r = r.getPreviousBuild(), seen++) {
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
                byDir.put(dir, row);
            }
        }
        return new ArrayList<>(byDir.values());
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
}
