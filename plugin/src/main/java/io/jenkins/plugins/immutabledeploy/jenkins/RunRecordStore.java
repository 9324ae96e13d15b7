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
     */
    @Override
    public String save(DeploymentRecord record) {
        DeploymentAction.of(run).addRecord(withDir(record, relative(record.dir())).toMap());
        return run.getFullDisplayName();
    }

    private String relative(String dir) {
        String root = workspace.getRemote();
        return dir.startsWith(root + "/") ? dir.substring(root.length() + 1) : dir;
    }

    private static DeploymentRecord withDir(DeploymentRecord r, String dir) {
        return new DeploymentRecord(r.id(), r.time(), dir, r.workspace(), r.tool(), r.toolVersion(), r.vars(), r.varFiles(),
                r.secretVars(), r.summary(), r.planChecksum(), r.outputs(), r.result(), r.message());
    }

    @Override
    public List<DeploymentRecord> list(String dir, String workspaceName) {
        String folder = relative(dir);
        Map<String, DeploymentRecord> byId = new LinkedHashMap<>();
        for (DeploymentRecord rec : recordsFrom(run)) {
            if (rec.dir().equals(folder) && rec.workspace().equals(workspaceName)) {
                byId.putIfAbsent(rec.id(), rec);
            }
        }
        for (DeploymentRecord rec : workspaceRecords(folder, workspaceName)) {
            byId.putIfAbsent(rec.id(), rec);
        }
        List<DeploymentRecord> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(DeploymentRecord::time).reversed());
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
     * @param start a build, or null
     * @return the records kept on it and up to {@link #DEPTH} builds before it, newest build first
     */
    static List<DeploymentRecord> recordsFrom(Run<?, ?> start) {
        List<DeploymentRecord> out = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> r = start; r != null && seen < DEPTH; r = r.getPreviousBuild(), seen++) {
            DeploymentAction a = r.getAction(DeploymentAction.class);
            if (a != null) {
                a.getRecords().forEach(m -> out.add(DeploymentRecord.fromMap(m)));
            }
        }
        return out;
    }

    private List<DeploymentRecord> workspaceRecords(String dir, String workspaceName) {
        return cliRecordStore().list(Path.of(workspace.getRemote()).resolve(dir).toString(), workspaceName);
    }

    /** The records the CLI keeps when it deploys in this workspace, on whichever machine that is. */
    private RecordStore cliRecordStore() {
        return RecordStore.keptByTheCliIn(new FilePathHostFiles(workspace), workspace.getRemote());
    }
}
