package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.immutabledeploy.engine.ops.RunContext;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * What the steps of one build did: the image baked, the deployments (plan summary, outputs with sensitive
 * ones masked, the record), verifications and rollbacks, in order. Shown on the build page
 * ({@code summary.jelly}); the job page's {@link LastDeploymentsAction} reads them. Every stored value is a page the
 * engine's journal made from a typed result, already masked.
 *
 * <p>Each entry and record is saved with the build at once ({@link Run#save()}): a rollback after a controller crash
 * needs the records of the deploys that ran before it.
 */
public final class DeploymentAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(DeploymentAction.class.getName());

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
        save();
    }

    /**
     * Keeps a deployment record (what rollback returns to) on the build, in place of the version of it this build kept
     * before (same id): a record learns a verdict of the checks or its release's outcome after it was saved.
     *
     * @param record {@code DeploymentRecord.toMap()}, masked
     */
    public void putRecord(Map<String, Object> record) {
        Object id = record.get("id");
        synchronized (records) {
            int i = 0;
            while (i < records.size() && !records.get(i).get("id").equals(id)) {
                i++;
            }
            if (i < records.size()) {
                records.set(i, new LinkedHashMap<>(record));
            } else {
                records.add(new LinkedHashMap<>(record));
            }
        }
        save();
    }

    /** Writes the build (build.xml) with what was just added; an abort's interrupt must not stop that. */
    private void save() {
        Run<?, ?> r = run;
        if (r == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            r.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + r + " after recording a deployment step; it is kept in memory"
                    + " and saved with the build", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
