package hudson.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-in: an object that holds {@link Action}s, kept in memory here. */
public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public final List<? extends Action> getAllActions() {
        return List.copyOf(actions);
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                found.add(type.cast(a));
            }
        }
        return found;
    }

    public <T extends Action> T getAction(Class<T> type) {
        List<T> found = getActions(type);
        return found.isEmpty() ? null : found.get(0);
    }

    public void addAction(Action a) {
        actions.add(a);
        attached(a);
    }

    /** Upstream {@code Run} tells a {@code RunAction2} it was attached; so does this stand-in. */
    private void attached(Action a) {
        if (a instanceof jenkins.model.RunAction2 ra && this instanceof Run<?, ?> run) {
            ra.onAttached(run);
        }
    }

    public boolean addOrReplaceAction(Action a) {
        actions.removeIf(existing -> existing.getClass() == a.getClass());
        actions.add(a);
        attached(a);
        return true;
    }
}
