package io.jenkins.plugins.immutabledeploy.engine.rollback;

import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord;
import io.jenkins.plugins.immutabledeploy.engine.record.DeploymentRecord.Verification;
import io.jenkins.plugins.immutabledeploy.engine.record.RecordStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the deployment a rollback returns to. It never guesses: when there is nothing fit to return to, the plan
 * says so and nothing is redeployed.
 *
 * <p>What is live now (the <em>current</em> record) is the newest record that was applied: a successful one, or one
 * whose apply started and failed half-way (that release is what the state holds now). A deploy the gate stopped, and a
 * rollback that failed, are passed over: they changed nothing that a later rollback should return from.
 *
 * <p>Without {@link RollbackRequest#to()}, the target is, among the successful records older than the current one
 * that put another image live (other inputs, for records that name no image) and left no candidate beside it:
 * <ol>
 *   <li>the newest whose image was verified healthy (its newest verdict, by {@code verify}, {@code verifyDeploy} or
 *       a release's checks, is healthy);
 *   <li>else, when none was, the newest whose image never failed its checks, saying that it was not verified.
 * </ol>
 * A release whose newest verdict is a failure is never chosen.
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
     * @param store the deployment records
     * @param request where to look
     * @return the plan
     * @throws IllegalArgumentException when {@code to} names no record of this configuration, or a failed one
     */
    public static Plan plan(RecordStore store, RollbackRequest request) {
        List<DeploymentRecord> records = store.list(request.dir(), request.workspace());
        String to = request.names().name("to");
        String where = request.dir() + " (workspace " + request.workspace() + ")";
        DeploymentRecord current = request.current() == null ? current(records)
                : records.stream().filter(r -> r.id().equals(request.current())).findFirst().orElse(null);
        if (request.to() != null) {
            DeploymentRecord target = records.stream().filter(r -> r.id().equals(request.to())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(to + ": there is no deployment record " + request.to()
                            + " for " + where + "; known records, newest first: " + describe(records)));
            if (!target.successful()) {
                throw new IllegalArgumentException(to + ": deployment record " + target.id() + " is not a successful deploy ("
                        + target.result() + "); roll back to a successful one: " + describe(records.stream()
                                .filter(DeploymentRecord::successful).toList()));
            }
            Boolean verdict = verdicts(records).get(target.image());
            return new Plan(current, target, "rolling " + where + " back to record " + target.describe() + " as asked"
                    + (Boolean.FALSE.equals(verdict) ? ", although its image failed its checks" : ""));
        }
        if (current == null) {
            return new Plan(null, null, "no deployment record for " + where
                    + (request.current() == null ? "" : " has the id " + request.current())
                    + "; nothing to roll back to, so nothing was redeployed");
        }
        Map<String, Boolean> verdicts = verdicts(records);
        List<DeploymentRecord> fit = records.stream()
                .filter(DeploymentRecord::successful)
                .filter(r -> !r.id().equals(current.id()) && r.time().compareTo(current.time()) <= 0)
                .filter(r -> r.candidate() == null && otherVersion(r, current))
                .filter(r -> !Boolean.FALSE.equals(verdict(r, verdicts)))
                .toList();
        Optional<DeploymentRecord> verified = fit.stream().filter(r -> Boolean.TRUE.equals(verdict(r, verdicts)))
                .findFirst();
        if (verified.isPresent()) {
            DeploymentRecord t = verified.get();
            return new Plan(current, t, "rolling " + where + " back from record " + current.id() + " to record "
                    + t.describe() + ", deployed " + t.time());
        }
        return fit.stream().findFirst()
                .map(t -> new Plan(current, t, "rolling " + where + " back from record " + current.id()
                        + " to record " + t.describe() + ", deployed " + t.time() + ": no earlier deployment was"
                        + " verified healthy, so this is the newest successful one, never verified"))
                .orElseGet(() -> new Plan(current, null, "no earlier successful deployment of " + where
                        + " with another version than record " + current.describe()
                        + " that did not fail its checks; nothing to roll back to, so nothing was redeployed"));
    }

    /**
     * What is live now: the newest record that was applied, a failed apply included, but neither a deploy that a gate
     * stopped nor a failed rollback.
     *
     * @param records a configuration's records, newest first
     * @return the record, or null when none was applied
     */
    public static DeploymentRecord current(List<DeploymentRecord> records) {
        return records.stream().filter(r -> r.successful()
                || r.applyFailed() && !DeploymentRecord.ROLLBACK.equals(r.phase())).findFirst().orElse(null);
    }

    /** The newest verdict of each image, over every record of the configuration. */
    private static Map<String, Boolean> verdicts(List<DeploymentRecord> records) {
        Map<String, Verification> newest = new HashMap<>();
        for (DeploymentRecord r : records) {
            for (Verification v : r.verifications()) {
                String image = v.image() != null ? v.image() : r.image();
                if (image != null) {
                    newest.merge(image, v, (a, b) -> b.time().isAfter(a.time()) ? b : a);
                }
            }
        }
        Map<String, Boolean> out = new HashMap<>();
        newest.forEach((image, v) -> out.put(image, v.healthy()));
        return out;
    }

    private static Boolean verdict(DeploymentRecord r, Map<String, Boolean> verdicts) {
        return r.image() != null ? verdicts.get(r.image()) : r.verified();
    }

    private static boolean otherVersion(DeploymentRecord r, DeploymentRecord current) {
        if (r.image() != null && current.image() != null) {
            return !r.image().equals(current.image());
        }
        return !(Objects.equals(r.vars(), current.vars()) && Objects.equals(r.varFiles(), current.varFiles())
                && Objects.equals(r.secretVars(), current.secretVars()));
    }

    private static String describe(List<DeploymentRecord> records) {
        if (records.isEmpty()) {
            return "(none)";
        }
        List<String> ids = records.stream().limit(10).map(DeploymentRecord::describe).toList();
        return String.join(", ", ids) + (records.size() > 10 ? ", ..." : "");
    }
}
