package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/**
 * Stand-in: adds actions to every object of a type when its actions are listed (upstream's {@code Actionable}
 * asks every registered factory whose {@link #type()} fits; nothing is persisted).
 */
public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        return Action.class;
    }

    public abstract Collection<? extends Action> createFor(T target);
}
