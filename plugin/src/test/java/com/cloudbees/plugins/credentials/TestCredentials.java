package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Test access to the stand-in's in-memory credentials store (package-private there, so this helper
 * lives in the same package), and small credential implementations of the types the plugin reads.
 */
public final class TestCredentials {
    private TestCredentials() {}

    /** Empties the store and the tracking list, and sets the lookup count to 0. */
    public static void clear() {
        CredentialsProvider.STORE.clear();
        CredentialsProvider.USER_STORES.clear();
        CredentialsProvider.TRACKED.clear();
        CredentialsProvider.LOOKUPS.set(0);
    }

    /** @return how many credential lookups were made since {@link #clear()} (each one scans every store upstream) */
    public static int lookups() {
        return CredentialsProvider.LOOKUPS.get();
    }

    /** @param c a credential to store under its id */
    public static void add(StandardCredentials c) {
        CredentialsProvider.STORE.put(c.getId(), c);
    }

    /**
     * @param user the user whose own credentials store gets it
     * @param c a credential only that user's authentication sees
     */
    public static void addForUser(String user, StandardCredentials c) {
        CredentialsProvider.USER_STORES.computeIfAbsent(user, u -> new java.util.concurrent.ConcurrentHashMap<>())
                .put(c.getId(), c);
    }

    /** @return the credentials whose use was tracked, in order */
    public static List<Credentials> tracked() {
        return List.copyOf(CredentialsProvider.TRACKED);
    }

    /** A Secret text credential. */
    public record Text(String getId, String getDescription, Secret getSecret) implements StringCredentials {
        public static Text of(String id, String secret) {
            return new Text(id, "text " + id, Secret.fromString(secret));
        }
    }

    /** A Username with password credential. */
    public record UserPass(String getId, String getDescription, String getUsername, Secret getPassword)
            implements StandardUsernamePasswordCredentials {
        public static UserPass of(String id, String user, String password) {
            return new UserPass(id, "user " + id, user, Secret.fromString(password));
        }
    }

    /**
     * A Secret text credential whose store does not answer (a remote vault that hangs): reading its secret blocks
     * until the thread is interrupted, then fails as such a store's client would.
     */
    public record Hanging(String getId, String getDescription, java.util.concurrent.CountDownLatch reading)
            implements StringCredentials {
        public static Hanging of(String id) {
            return new Hanging(id, "hanging " + id, new java.util.concurrent.CountDownLatch(1));
        }

        @Override
        public Secret getSecret() {
            reading.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the credentials store did not answer");
        }
    }

    /** A credential of a type the plugin does not read (like an SSH key or a certificate). */
    public record Certificate(String getId, String getDescription) implements StandardCredentials {}
}
