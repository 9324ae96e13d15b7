package io.jenkins.plugins.immutabledeploy.dodouble;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Faults to inject, each used once: an HTTP status for the next request that matches, a slow
 * droplet, action or database, an action that ends {@code errored}.
 */
final class Faults {
    /** One refusal: the next request whose method and path match gets this status. */
    record Refusal(String method, Pattern path, int status) {}

    private final List<Refusal> refusals = new ArrayList<>();
    private final List<String[]> slow = new ArrayList<>();
    private final List<String> failing = new ArrayList<>();

    synchronized void refuseNext(String method, String pathRegex, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: a fault is a 4xx or 5xx, not " + status);
        }
        refusals.add(new Refusal(method, Pattern.compile(pathRegex), status));
    }

    /** @return the status to answer with instead, or 0 */
    synchronized int refusal(String method, String path) {
        for (Iterator<Refusal> it = refusals.iterator(); it.hasNext(); ) {
            Refusal r = it.next();
            if ((r.method() == null || r.method().equalsIgnoreCase(method)) && r.path().matcher(path).matches()) {
                it.remove();
                return r.status();
            }
        }
        return 0;
    }

    /**
     * The next thing of this kind stays in progress for this many more reads.
     *
     * @param target {@code droplet}, {@code database}, {@code action} (any) or {@code action:TYPE}
     * @param polls how many reads it stays in progress
     */
    synchronized void stayInProgress(String target, int polls) {
        if (!target.matches("droplet|database|action(:[a-z_]+)?")) {
            throw new IllegalArgumentException("target: droplet, database, action or action:TYPE, not " + target);
        }
        slow.add(new String[] {target, Integer.toString(polls)});
    }

    synchronized int pollsFor(String what, int normal) {
        for (Iterator<String[]> it = slow.iterator(); it.hasNext(); ) {
            String[] s = it.next();
            if (s[0].equals(what) || ("action".equals(s[0]) && what.startsWith("action:"))) {
                it.remove();
                return normal + Integer.parseInt(s[1]);
            }
        }
        return normal;
    }

    /** @param actionType the type of the next action to end {@code errored} (e.g. snapshot, assign_ip) */
    synchronized void failNextAction(String actionType) {
        failing.add(actionType);
    }

    synchronized boolean failsAction(String type) {
        return failing.remove(type);
    }
}
