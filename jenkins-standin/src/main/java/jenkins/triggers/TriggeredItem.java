package jenkins.triggers;

import hudson.model.Item;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.util.Map;

/** Stand-in: an item configured with triggers; Jenkins' cron and webhooks find triggers through it. */
public interface TriggeredItem extends Item {
    Map<TriggerDescriptor, Trigger<?>> getTriggers();
}
