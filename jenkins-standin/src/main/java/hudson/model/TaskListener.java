package hudson.model;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stand-in: the build log of a running task. Upstream sends it to an agent as a remote stream whose lines reach the
 * controller's log; tests that run callables through a channel give theirs a serial form that does the same.
 */
public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();

    default PrintWriter error(String msg) {
        PrintWriter w = new PrintWriter(getLogger(), true);
        w.println("ERROR: " + msg);
        return w;
    }
}
