package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A build log held in memory. Sent through a {@link LoopbackChannel}, it arrives as this same log, as a Jenkins
 * listener arrives on an agent as a stream whose lines reach the controller's log.
 */
final class Log implements TaskListener {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Log> EXPORTED = new ConcurrentHashMap<>();

    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final String id = UUID.randomUUID().toString();

    @Serial
    private Object writeReplace() {
        EXPORTED.put(id, this);
        return new Exported(id);
    }

    private record Exported(String id) implements Serializable {
        @Serial
        private Object readResolve() {
            return EXPORTED.get(id);
        }
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
