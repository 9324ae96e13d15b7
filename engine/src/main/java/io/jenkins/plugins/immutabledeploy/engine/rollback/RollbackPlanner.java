package io.jenkins.plugins.immutabledeploy.engine.rollback;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the deployment a rollback returns to. It never guesses: when there is no earlier
 * successful deployment, the plan says so and nothing is redeployed.
 */
public final class RollbackPlanner {
    private RollbackPlanner() {}

    /**
     * What the rollback will do.
     *
     * @param current the deployment being rolled back, or null when there are no records
     * @param target the deployment to return to, or null when there is none
     * @param message a sentence for people: what the rollback will do, or why it cannot
     */
    public record Plan(DeploymentRecord current, DeploymentRecord target, String message) {
        /** @return whether there is a deployment to return to */
        public boolean possible() {
            return target != null;
        }
    }

    /**
     * Plans a rollback.
     *
     * <p>Without {@link RollbackRequest#to()}, the target is the newest successful record other
     * than the current one ({@link io.jenkins.plugins.immutabledeploy.engine.record.RecordStore#previousSuccessful})
     * whose inputs differ from the current deployment's: a later "no changes" run of the same
     * version is not a version to return to.
     *
     * @param store the deployment records
     * @param request where to look
     * @return the plan
     * @throws IllegalArgumentException when {@code to} names no record, or a failed one
     */
    public static Plan plan(RecordStore store, RollbackRequest request) {
        List<DeploymentRecord> records = store.list(request.dir(), request.workspace());
        String to = request.names().name("to");
        String where = request.dir() + " (workspace " + request.workspace() + ")";
        DeploymentRecord current = request.current() == null
                ? records.stream().findFirst().orElse(null)
                : records.stream().filter(r -> r.id().equals(request.current())).findFirst().orElse(null);
        if (request.to() != null) {
            DeploymentRecord target = records.stream().filter(r -> r.id().equals(request.to())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(to + ": there is no deployment record " + request.to()
                            + " for " + where + "; known records, newest first: " + ids(records)));
            if (!target.successful()) {
                throw new IllegalArgumentException(to + ": deployment record " + target.id() + " is not a successful deploy ("
                        + target.result() + "); roll back to a successful one: " + ids(records.stream()
                                .filter(DeploymentRecord::successful).toList()));
            }
            return new Plan(current, target, "rolling " + where + " back to record " + target.id() + " as asked");
        }
        if (current == null) {
            return new Plan(null, null, "no deployment record for " + where
                    + (request.current() == null ? "" : " has the id " + request.current())
                    + "; nothing to roll back to, so nothing was redeployed");
        }
        Optional<DeploymentRecord> target = store
                .previousSuccessful(request.dir(), request.workspace(), current.id())
                .filter(r -> !sameInputs(r, current));
        if (target.isEmpty()) {
            // The newest previous one deployed the same inputs: look further back for a different version.
            target = records.stream()
                    .filter(DeploymentRecord::successful)
                    .filter(r -> !r.id().equals(current.id()) && !sameInputs(r, current))
                    .filter(r -> r.time().compareTo(current.time()) <= 0)
                    .findFirst();
        }
        return target
                .map(t -> new Plan(current, t, "rolling " + where + " back from record " + current.id()
                        + " to record " + t.id() + " (deployed " + t.time() + ")"))
                .orElseGet(() -> new Plan(current, null, "no earlier successful deployment of " + where
                        + " with other inputs than record " + current.id()
                        + "; nothing to roll back to, so nothing was redeployed"));
    }

    private static boolean sameInputs(DeploymentRecord a, DeploymentRecord b) {
        return Objects.equals(a.vars(), b.vars()) && Objects.equals(a.varFiles(), b.varFiles())
                && Objects.equals(a.secretVars(), b.secretVars());
    }

    private static String ids(List<DeploymentRecord> records) {
        if (records.isEmpty()) {
            return "(none)";
        }
        List<String> ids = records.stream().limit(10).map(r -> r.id() + " (" + r.result() + ")").toList();
        return String.join(", ", ids) + (records.size() > 10 ? ", ..." : "");
    }
}
