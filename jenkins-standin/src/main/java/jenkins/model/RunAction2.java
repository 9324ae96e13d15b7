package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Stand-in: a build action told which build it belongs to, when attached and when loaded from disk. */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
