package hudson.triggers;

import hudson.model.Descriptor;
import hudson.model.Item;

/** Stand-in: the descriptor of a {@link Trigger}. */
public abstract class TriggerDescriptor extends Descriptor<Trigger<?>> {
    protected TriggerDescriptor(Class<? extends Trigger<?>> clazz) {
        super(clazz);
    }

    protected TriggerDescriptor() {
        super();
    }

    public abstract boolean isApplicable(Item item);
}
