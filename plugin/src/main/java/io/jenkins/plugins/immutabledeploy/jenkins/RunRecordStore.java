package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment records kept on the builds: each deploy saves its record on its build's
 * {@link DeploymentAction}; rollback looks through this build and the earlier ones, then falls back to
 * the records the CLI leaves in the workspace ({@code .immutable-deploy/records}), so a job that
 * deployed with the CLI, or whose old builds were discarded, can still roll back. Prune reads the same
 * records to know which images are live.
 *
 * <p>A record belongs to the job whose build keeps it (its {@code job}, the job's full name) and to its
 * configuration folder relative to the workspace, normalised ({@code ./terraform/} is {@code terraform}), and
 * workspace: two folders named alike in one job, or one folder in two jobs, never share records. A newer version of a
 * record (a verdict of the checks, a release's outcome) is kept on the build that learnt it and wins over the copy on
 * the build that deployed, so no earlier build is ever rewritten.
 */
public final class RunRecordStore implements RecordStore {
    /** How many builds back rollback looks. */
    static final int DEPTH = 100;

    private final Run<?, ?> run;
    private final FilePath workspace;

    /**
     * @param run the current build
     * @param workspace its workspace
     */
    public RunRecordStore(Run<?, ?> run, FilePath workspace) {
        this.run = run;
        this.workspace = workspace;
    }

    /**
     * Keeps the record on the build, its folder relative to the workspace: the next build may run in another
     * workspace path (another agent, {@code job@2}), and rollback names the folder as the step did.
     *
     * @return the record's id
     */
    @Override
    public String save(DeploymentRecord record) {
        DeploymentAction.of(run).putRecord(own(record).toMap());
        return record.id();
    }

    @Override
    public void update(DeploymentRecord record) {
        DeploymentAction.of(run).putRecord(own(record).toMap());
    }

    private DeploymentRecord own(DeploymentRecord record) {
        return record.inJob(run.getParent().getFullName(), relative(record.dir()));
    }

    private String relative(String dir) {
        String root = workspace.getRemote();
        String rel = dir.startsWith(root + "/") ? dir.substring(root.length() + 1) : dir;
        String normal = Path.of(rel).normalize().toString();
        return normal.isEmpty() ? "." : normal;
    }

    @Override
    public List<DeploymentRecord> list(String dir, String workspaceName) {
        String folder = relative(dir);
        String job = run.getParent().getFullName();
        Map<String, DeploymentRecord> byId = new LinkedHashMap<>();
        for (DeploymentRecord rec : recordsFrom(run)) {
            if (relative(rec.dir()).equals(folder) && rec.workspace().equals(workspaceName) && job.equals(rec.job())) {
                byId.putIfAbsent(rec.id(), rec);
            }
        }
        for (DeploymentRecord rec : workspaceRecords(folder, workspaceName)) {
            byId.putIfAbsent(rec.id(), rec);
        }
        List<DeploymentRecord> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(DeploymentRecord::time).thenComparing(DeploymentRecord::id).reversed());
        return out;
    }

    /**
     * What is deployed now: the newest successful record of every configuration and workspace found on this
     * build, the earlier ones and the CLI's records in the workspace. Prune protects the images these use.
     *
     * @return one record per configuration and workspace
     */
    @Override
    public List<DeploymentRecord> deployedNow() {
        List<DeploymentRecord> all = new ArrayList<>(recordsFrom(run));
        all.addAll(cliRecordStore().deployedNow());
        return DeploymentRecord.newestSuccessful(all);
    }

    /**
     * The records kept on a build and the builds before it, each once in its newest version, and each knowing the job
     * it belongs to (records written before they named it belong to the job of the build that keeps them).
     *
     * @param start a build, or null
     * @return the records kept on it and up to {@link #DEPTH} builds before it, newest build first
     */
    static List<DeploymentRecord> recordsFrom(Run<?, ?> start) {
        Map<String, DeploymentRecord> byId = new LinkedHashMap<>();
        int seen = 0;
        for (Run<?, ?> r = start; r != null && seen < DEPTH; r = r.getPreviousBuild(), seen++) {
            DeploymentAction a = r.getAction(DeploymentAction.class);
            if (a != null) {
                for (Map<String, Object> m : a.getRecords()) {
                    DeploymentRecord rec = DeploymentRecord.fromMap(m);
                    byId.putIfAbsent(rec.id(), rec.job() != null ? rec : rec.inJob(r.getParent().getFullName(), rec.dir()));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private List<DeploymentRecord> workspaceRecords(String dir, String workspaceName) {
        return cliRecordStore().list(Path.of(workspace.getRemote()).resolve(dir).toString(), workspaceName);
    }

    /** The records the CLI keeps when it deploys in this workspace, on whichever machine that is. */
    private RecordStore cliRecordStore() {
        return RecordStore.keptByTheCliIn(new FilePathHostFiles(workspace), workspace.getRemote());
    }
}
