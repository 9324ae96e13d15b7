package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * What the steps of one build did: the image baked, the deployments (plan summary, outputs with sensitive
 * ones masked, the record), verifications and rollbacks, in order. Shown on the build page
 * ({@code summary.jelly}); while its build is the last one it puts {@link LastDeploymentsAction} on the
 * job page. Every stored value is a page the engine's journal made from a typed result, already masked.
 */
public final class DeploymentAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    /** Entry kinds: the engine journal's. */
    public static final String BAKE = RunContext.Journal.BAKE;
    public static final String DEPLOY = RunContext.Journal.DEPLOY;
    public static final String VERIFY = RunContext.Journal.VERIFY;
    public static final String ROLLBACK = RunContext.Journal.ROLLBACK;
    public static final String PRUNE = RunContext.Journal.PRUNE;
    public static final String RELEASE = RunContext.Journal.RELEASE;

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<LinkedHashMap<String, Object>> records = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /**
     * The build's action, added on first use.
     *
     * @param run the build
     * @return its action
     */
    public static synchronized DeploymentAction of(Run<?, ?> run) {
        DeploymentAction a = run.getAction(DeploymentAction.class);
        if (a == null) {
            a = new DeploymentAction();
            run.addAction(a);
        }
        return a;
    }

    /**
     * Records what a step did.
     *
     * @param kind {@link #BAKE}, {@link #DEPLOY}, {@link #VERIFY}, {@link #ROLLBACK}, {@link #PRUNE} or {@link #RELEASE}
     * @param result the masked result map
     */
    public void add(String kind, Map<String, Object> result) {
        entries.add(new Entry(kind, result));
    }

    /**
     * Keeps a deployment record (what rollback returns to) on the build, in place of the version of it this build kept
     * before (same id): a record learns a verdict of the checks or its release's outcome after it was saved.
     *
     * @param record {@code DeploymentRecord.toMap()}, masked
     */
    public synchronized void putRecord(Map<String, Object> record) {
        Object id = record.get("id");
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get("id").equals(id)) {
                records.set(i, new LinkedHashMap<>(record));
                return;
            }
        }
        records.add(new LinkedHashMap<>(record));
    }

    /** @return the deployment records this build keeps (its own, and newer versions of earlier ones), oldest first */
    public List<Map<String, Object>> getRecords() {
        return List.copyOf(records);
    }

    /** @return the entries in the order the steps ran */
    public List<Entry> getEntries() {
        return List.copyOf(entries);
    }

    /**
     * @param kind an entry kind
     * @return the entries of that kind
     */
    public List<Entry> getEntries(String kind) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.getKind().equals(kind)) {
                out.add(e);
            }
        }
        return out;
    }

    /** @return the build this action belongs to */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return run == null ? List.of() : List.of(new LastDeploymentsAction(run.getParent()));
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.get("DeploymentAction.DisplayName");
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** One step's outcome. */
    public static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String kind;
        private final LinkedHashMap<String, Object> result;

        Entry(String kind, Map<String, Object> result) {
            this.kind = kind;
            this.result = new LinkedHashMap<>(result);
        }

        /** @return the entry kind */
        public String getKind() {
            return kind;
        }

        /** @return the step's masked result map */
        public Map<String, Object> getResult() {
            return result;
        }

        /**
         * @param key a result key
         * @return its value as text, or an empty string
         */
        public String get(String key) {
            Object v = result.get(key);
            return v == null ? "" : v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : v.toString();
        }
    }
}
