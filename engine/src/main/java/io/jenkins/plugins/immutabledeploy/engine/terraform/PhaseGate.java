package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The gate of one phase of a release: the {@link DestroyGate} generalised to servers keyed by image. The configuration
 * keys its servers by the image they run ({@code aws_instance.app["img-123"]},
 * {@code digitalocean_droplet.app["123456"]}, {@code terraform_data.app["app-1.0.0-…"]}), so the image in a resource's
 * key tells the live servers, the candidate and the standby apart, and each phase may change only its own part:
 *
 * <ul>
 *   <li>{@link Kind#CANDIDATE}: only creates. The candidate's own servers may be built (or rebuilt, after an
 *       interrupted run); nothing that exists (the live servers, the stable address) may be changed, replaced or
 *       destroyed.
 *   <li>{@link Kind#SWITCH} (promote, switch back, recover): the stable address and what depends on it may change;
 *       the servers of the images to keep may be updated in place but not replaced, destroyed or created anew. A
 *       destroy-first replacement and a delete of anything else are left to the deploy's own {@link DestroyGate}.
 *   <li>{@link Kind#REMOVE} (discard, retire): only the servers of the images to remove, and what the release's
 *       candidate phase created, may go; other deletes are left to the deploy's {@link DestroyGate}, and nothing may
 *       be created, changed or replaced: the stable address stays where it is.
 * </ul>
 *
 * A deposed object of an address the plan keeps ({@link Action#DELETE_DEPOSED}) finishes an interrupted replacement
 * and is allowed in every phase.
 *
 * @param phase the phase's name, for messages and records (e.g. {@code candidate})
 * @param kind what the phase may change
 * @param keep the images whose servers must stay
 * @param remove the images whose servers this phase builds or removes
 * @param created addresses without an image key that the release's candidate phase created: a phase that removes the
 *     candidate may delete them
 * @param hint a sentence added to a stop's message (what the records say is live, how to correct it), or null
 */
public record PhaseGate(String phase, Kind kind, Set<String> keep, Set<String> remove, Set<String> created, String hint)
        implements Phase.PlanCheck {

    /** What a phase may change. */
    public enum Kind {
        /** Only creates; the candidate's own servers may be rebuilt. */
        CANDIDATE,
        /** The stable address and what depends on it; the kept servers stay. */
        SWITCH,
        /** Only the removed image's servers and what the candidate phase created go. */
        REMOVE
    }

    /** Copies the sets; empty image names are dropped (an empty variable is no image). */
    public PhaseGate {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        keep = images(keep);
        remove = images(remove);
        created = Set.copyOf(created == null ? Set.of() : created);
    }

    private static Set<String> images(Set<String> s) {
        return Set.copyOf(s == null ? Set.of() : s.stream().filter(i -> i != null && !i.isEmpty()).toList());
    }

    @Override
    public void check(PlanDocument plan, DeployRequest request) {
        List<String> refused = new ArrayList<>();
        List<ResourceChange> refusedChanges = new ArrayList<>();
        List<ResourceChange> leftToDestroyGate = new ArrayList<>();
        for (ResourceChange c : plan.summary().changes()) {
            String why = refusal(c, leftToDestroyGate);
            if (why != null) {
                refused.add(c.action().key() + " " + c.address() + (c.deposed() == null ? "" : " (deposed " + c.deposed()
                        + ")") + why);
                refusedChanges.add(c);
            }
        }
        if (!refused.isEmpty()) {
            throw new PhaseGateException("The " + phase + " plan was stopped before apply; nothing was changed. " + rule()
                    + " This plan would " + String.join("; ", refused) + "." + (hint == null ? "" : " " + hint),
                    phase, refusedChanges, null);
        }
        if (!leftToDestroyGate.isEmpty()) {
            request.gate().check(PlanSummary.of(leftToDestroyGate), request.names());
        }
    }

    /** Why a change is refused, or null when allowed (possibly by the destroy gate, to which it is then added). */
    private String refusal(ResourceChange c, List<ResourceChange> leftToDestroyGate) {
        Action a = c.action();
        if (a == Action.READ || a == Action.NO_OP || a == Action.DELETE_DEPOSED) {
            return null;
        }
        String image = c.keys().stream().filter(k -> keep.contains(k) || remove.contains(k)).findFirst().orElse(null);
        if (image != null && keep.contains(image)) {
            return kind == Kind.SWITCH && a == Action.UPDATE ? null : " (the server of " + image + ", which must stay)";
        }
        if (image != null) {
            return null;
        }
        switch (kind) {
            case CANDIDATE:
                return a == Action.CREATE ? null : " (it exists: a candidate only adds)";
            case SWITCH:
                if (a == Action.CREATE || a == Action.UPDATE || a == Action.REPLACE
                        || a == Action.DELETE && created.contains(c.address())) {
                    return null;
                }
                if (a == Action.REPLACE_DESTROY_FIRST || a == Action.DELETE) {
                    leftToDestroyGate.add(c);
                    return null;
                }
                return "";
            case REMOVE:
            default:
                if (a == Action.DELETE) {
                    if (!created.contains(c.address())) {
                        leftToDestroyGate.add(c);
                    }
                    return null;
                }
                return " (the stable address and the live servers stay as they are)";
        }
    }

    private String rule() {
        return switch (kind) {
            case CANDIDATE -> "A candidate may only add servers beside the live ones" + (remove.isEmpty() ? ""
                    : " (those keyed by " + String.join(", ", remove) + ")")
                    + ": it may not change, replace or destroy anything that exists, such as the live servers or the"
                    + " stable address.";
            case SWITCH -> "The " + phase + " phase may only move the stable address and what depends on it"
                    + (keep.isEmpty() ? "." : ": the servers keyed by " + String.join(" and ", keep.stream().sorted()
                            .toList()) + " must stay (not replaced, destroyed or created anew).");
            case REMOVE -> "The " + phase + " phase may only remove " + (remove.isEmpty() ? "what the candidate phase"
                    + " created" : "the servers keyed by " + String.join(", ", remove.stream().sorted().toList())
                    + " and what the candidate phase created") + "; the live servers and the stable address stay as"
                    + " they are.";
        };
    }
}
