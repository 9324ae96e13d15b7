package io.jenkins.plugins.immutabledeploy.engine.terraform;

import io.jenkins.plugins.immutabledeploy.engine.Vocabulary;
import io.jenkins.plugins.immutabledeploy.engine.terraform.ResourceChange.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The immutable-infrastructure rule, checked between plan and apply: servers are replaced, not
 * removed, and a replacement builds the new one before the old one goes. So a pure delete stops the
 * deploy unless destroys are allowed (all of them, or those whose address matches an allow pattern),
 * and a destroy-first replacement stops it unless that downtime is allowed.
 *
 * @param allowDestroy whether pure deletes are expected; with patterns, only matching ones
 * @param allowDestroyOf address patterns ({@code *} matches any characters, e.g.
 *     {@code terraform_data.worker[*]}); a delete whose address matches one is allowed
 * @param allowDestroyFirst whether destroy-first replacements are expected
 */
public record DestroyGate(boolean allowDestroy, List<String> allowDestroyOf, boolean allowDestroyFirst) {
    /** Copies the patterns. */
    public DestroyGate {
        allowDestroyOf = List.copyOf(allowDestroyOf);
    }

    /** @return a gate that allows nothing to be destroyed */
    public static DestroyGate strict() {
        return new DestroyGate(false, List.of(), false);
    }

    /**
     * Checks a plan.
     *
     * @param plan the plan's summary
     * @param names how the caller names the gate's fields, to say how to allow what it stopped
     * @throws DestroyGateException listing every change that is not allowed, and how to allow it
     */
    public void check(PlanSummary plan, Vocabulary names) {
        List<String> deletes = new ArrayList<>();
        for (String address : plan.addresses(Action.DELETE)) {
            if (!deleteAllowed(address)) {
                deletes.add(address);
            }
        }
        List<String> destroyFirst = allowDestroyFirst ? List.of() : plan.addresses(Action.REPLACE_DESTROY_FIRST);
        if (deletes.isEmpty() && destroyFirst.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("The destroy gate stopped the deploy before apply; nothing was changed.");
        if (!deletes.isEmpty()) {
            msg.append(" The plan destroys ").append(deletes.size()).append(deletes.size() == 1 ? " resource" : " resources")
                    .append(" that no replacement brings back: ").append(String.join(", ", deletes))
                    .append(". If that is expected, allow it with ").append(names.on("allowDestroy"))
                    .append(", optionally limited to addresses matching a pattern with ").append(names.name("allowDestroyOf"))
                    .append('.');
        }
        if (!destroyFirst.isEmpty()) {
            msg.append(" The plan replaces ").append(destroyFirst.size())
                    .append(destroyFirst.size() == 1 ? " resource" : " resources")
                    .append(" by destroying the old one before the new one exists (downtime): ")
                    .append(String.join(", ", destroyFirst))
                    .append(". Add lifecycle { create_before_destroy = true } to the resource, or allow it with ")
                    .append(names.on("allowDestroyFirst")).append('.');
        }
        throw new DestroyGateException(msg.toString(), deletes, destroyFirst, null);
    }

    private boolean deleteAllowed(String address) {
        if (allowDestroy && allowDestroyOf.isEmpty()) {
            return true;
        }
        return allowDestroyOf.stream().anyMatch(p -> glob(p).matcher(address).matches());
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
