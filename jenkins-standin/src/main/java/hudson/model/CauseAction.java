package hudson.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stand-in: the causes of a queued or running build. */
public class CauseAction implements Action {
    private final List<Cause> causes = new ArrayList<>();

    public CauseAction(Cause... c) {
        Collections.addAll(causes, c);
    }

    public List<Cause> getCauses() {
        return Collections.unmodifiableList(causes);
    }

    public <T extends Cause> T findCause(Class<T> type) {
        for (Cause c : causes) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Cause";
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return "cause";
    }
}
