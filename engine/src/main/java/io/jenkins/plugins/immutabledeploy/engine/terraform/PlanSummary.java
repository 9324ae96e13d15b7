package io.jenkins.plugins.immutabledeploy.engine.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a saved plan will do, read from {@code show -json <plan>}. The counts do not overlap: a
 * replacement counts once as {@code replace}, not as one add and one destroy as Terraform's own
 * "Plan:" line counts it, so {@code destroy} is exactly the resources that go away for good.
 *
 * <p>A deposed object (the old object of a create-before-destroy replacement that an interrupted or failed apply
 * left behind) whose address the plan keeps, replaces or creates anew is part of that replacement: it is classified
 * {@link Action#DELETE_DEPOSED} and counted as {@code replace}, not as a destroy. Only a deposed object whose address
 * goes away entirely is a {@link Action#DELETE}.
 *
 * @param add resources created
 * @param change resources updated in place
 * @param replace resources replaced (either order)
 * @param destroy resources deleted outside a replacement
 * @param changes every resource change except no-ops, in plan order
 */
public record PlanSummary(int add, int change, int replace, int destroy, List<ResourceChange> changes) {
    /** An empty plan. */
    public static final PlanSummary EMPTY = new PlanSummary(0, 0, 0, 0, List.of());

    /** Copies the list. */
    public PlanSummary {
        changes = List.copyOf(changes);
    }

    /**
     * Classifies the {@code resource_changes} of a {@code show -json} document.
     *
     * @param showJson the parsed document
     * @return the summary
     */
    public static PlanSummary fromShowJson(JsonNode showJson) {
        return of(changesOf(showJson));
    }

    /**
     * Every resource change of a {@code show -json} document, no-ops included, as Terraform lists them; a deposed
     * object's change carries its key.
     *
     * @param showJson the parsed document
     * @return the changes, in plan order
     */
    static List<ResourceChange> changesOf(JsonNode showJson) {
        List<ResourceChange> changes = new ArrayList<>();
        for (JsonNode rc : showJson.path("resource_changes")) {
            List<String> actions = new ArrayList<>();
            rc.path("change").path("actions").forEach(a -> actions.add(a.asText()));
            changes.add(new ResourceChange(rc.path("address").asText(), Action.of(actions),
                    rc.path("deposed").asText(null)));
        }
        return changes;
    }

    /**
     * Counts a list of changes.
     *
     * @param changes the changes; no-ops say which addresses the plan keeps, and are then dropped
     * @return the summary
     */
    public static PlanSummary of(List<ResourceChange> changes) {
        int add = 0;
        int change = 0;
        int replace = 0;
        int destroy = 0;
        List<ResourceChange> kept = new ArrayList<>();
        for (ResourceChange c : classify(changes)) {
            switch (c.action()) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case REPLACE, REPLACE_DESTROY_FIRST, DELETE_DEPOSED -> replace++;
                case DELETE -> destroy++;
                default -> { }
            }
            if (c.action() != Action.NO_OP) {
                kept.add(c);
            }
        }
        return new PlanSummary(add, change, replace, destroy, kept);
    }

    /**
     * The changes with a deposed object's delete classified {@link Action#DELETE_DEPOSED} where the plan keeps its
     * address (a no-op, an update, a replacement or a create of the current object).
     *
     * @param changes every change of a plan, no-ops included
     * @return the same changes, in the same order, classified
     */
    static List<ResourceChange> classify(List<ResourceChange> changes) {
        Set<String> stays = new HashSet<>();
        for (ResourceChange c : changes) {
            if (c.deposed() == null && c.action() != Action.DELETE && c.action() != Action.FORGET) {
                stays.add(c.address());
            }
        }
        List<ResourceChange> out = new ArrayList<>(changes.size());
        for (ResourceChange c : changes) {
            out.add(c.deposed() != null && c.action() == Action.DELETE && stays.contains(c.address())
                    ? new ResourceChange(c.address(), Action.DELETE_DEPOSED, c.deposed()) : c);
        }
        return out;
    }

    /**
     * @param action an action
     * @return the addresses of the changes with that action, in plan order
     */
    public List<String> addresses(Action action) {
        return changes.stream().filter(c -> c.action() == action).map(ResourceChange::address).toList();
    }

    /** @return whether no resource changes */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return {@code {add, change, replace, destroy}} */
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("add", add);
        m.put("change", change);
        m.put("replace", replace);
        m.put("destroy", destroy);
        return m;
    }

    /** @return the changes as {@code [{address, action}]} */
    public List<Map<String, Object>> changeMaps() {
        return changes.stream().map(ResourceChange::toMap).toList();
    }

    /** @return one line for the log, e.g. {@code Plan summary: 1 to add, 0 to change, 1 to replace, 0 to destroy} */
    public String describe() {
        return "Plan summary: " + add + " to add, " + change + " to change, " + replace + " to replace, " + destroy + " to destroy";
    }
}
