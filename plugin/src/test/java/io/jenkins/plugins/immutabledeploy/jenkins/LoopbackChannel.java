package io.jenkins.plugins.immutabledeploy.jenkins;

import hudson.FilePath;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * A channel to an agent that lives in this JVM, doing to a call what remoting does: the callable is serialized and
 * read back on the "agent" (so a field that cannot be serialized fails here as it fails in Jenkins), runs on an agent
 * thread, and its value or throwable is serialized back and read on the "controller" through a filter that refuses
 * what Jenkins' class filter (JEP-200, core's {@code ClassFilterImpl}) refuses of classes outside the JDK: a class
 * from a jar that is neither a plugin nor says {@code Jenkins-ClassFilter-Whitelisted: true} (classes from
 * {@code target/classes} pass, as in Jenkins' own tests; JDK classes are not checked here, core checks them against
 * its list). An interrupt of the waiting thread interrupts the agent thread and throws at once, as remoting's cancel.
 */
final class LoopbackChannel implements VirtualChannel {
    /** The class names of the callables run, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Threads of the calls that ran or run on the agent. */
    final List<Thread> agentThreads = new CopyOnWriteArrayList<>();
    /** An agent that takes calls and never answers, until the caller gives up. */
    volatile boolean hung;

    private final ExecutorService agent = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback agent");
        t.setDaemon(true);
        agentThreads.add(t);
        return t;
    });

    private record Answer(Object value, boolean thrown) implements Serializable {}

    @Override
    @SuppressWarnings("unchecked")
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
        calls.add(callable.getClass().getName());
        byte[] request = write(callable);
        Future<byte[]> running = agent.submit(() -> {
            if (hung) {
                new CountDownLatch(1).await();
            }
            Callable<?, ?> there = (Callable<?, ?>) read(request, null);
            Answer answer;
            try {
                answer = new Answer(there.call(), false);
            } catch (Throwable t) {
                answer = new Answer(t, true);
            }
            return write(answer);
        });
        byte[] response;
        try {
            response = running.get();
        } catch (InterruptedException e) {
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IOException("the agent could not run " + callable.getClass().getName(), e.getCause());
        }
        Answer answer = (Answer) read(response, LoopbackChannel::classFilter);
        if (answer.thrown()) {
            throw (T) answer.value();
        }
        return (V) answer.value();
    }

    private static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes, ObjectInputFilter filter) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            if (filter != null) {
                in.setObjectInputFilter(filter);
            }
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static ObjectInputFilter.Status classFilter(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null || c.isArray() || c.isPrimitive() || Throwable.class.isAssignableFrom(c)
                || Enum.class.isAssignableFrom(c)) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        String location = source.getLocation().toString();
        if (location.equals(FilePath.class.getProtectionDomain().getCodeSource().getLocation().toString())
                || location.endsWith("/target/classes/") || location.endsWith("/target/test-classes/")
                || location.endsWith(".jar") && pluginOrWhitelisted(location)) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    private static boolean pluginOrWhitelisted(String jarUrl) {
        try (JarFile jar = new JarFile(new File(new java.net.URI(jarUrl)))) {
            Attributes m = jar.getManifest() == null ? new Attributes() : jar.getManifest().getMainAttributes();
            return m.getValue("Short-Name") != null && (m.getValue("Plugin-Version") != null
                    || m.getValue("Jenkins-Version") != null) || "true".equals(m.getValue("Jenkins-ClassFilter-Whitelisted"));
        } catch (IOException | URISyntaxException e) {
            return false;
        }
    }
}
