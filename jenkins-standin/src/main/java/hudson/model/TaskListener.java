package hudson.model;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Stand-in: the build log of a running task. */
public interface TaskListener {
    PrintStream getLogger();

    default PrintWriter error(String msg) {
        PrintWriter w = new PrintWriter(getLogger(), true);
        w.println("ERROR: " + msg);
        return w;
    }
}
