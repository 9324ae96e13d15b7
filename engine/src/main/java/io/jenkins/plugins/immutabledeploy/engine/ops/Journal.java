package io.jenkins.plugins.immutabledeploy.engine.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Port: what a run did, entry by entry, as each operation finishes a step of it (a bake, a deploy, a verification,
 * a redeploy, a prune), failed ones included. In Jenkins the build page keeps it; the CLI prints its result instead.
 * An operation that runs several deploys and verifications records each.
 */
@FunctionalInterface
public interface Journal {
    /** Keeps nothing. */
    Journal NONE = entry -> {};

    /** Kind of an image bake, or of an existing image reused. */
    String BAKE = "bake";
    /** Kind of a deploy. */
    String DEPLOY = "deploy";
    /** Kind of a verification. */
    String VERIFY = "verify";
    /** Kind of a redeploy of an earlier deployment. */
    String ROLLBACK = "rollback";
    /** Kind of a prune of old images. */
    String PRUNE = "prune";

    /**
     * Keeps one entry.
     *
     * @param entry what was done
     */
    void record(Entry entry);

    /**
     * One thing a run did.
     *
     * @param kind {@link #BAKE}, {@link #DEPLOY}, {@link #VERIFY}, {@link #ROLLBACK} or {@link #PRUNE}
     * @param page the result's values for a page that shows it: the result's map (the keys its step returns), masked,
     *     plus, for deploys and redeploys, {@code dir}, {@code result} and {@code image}
     */
    record Entry(String kind, Map<String, Object> page) {
        /** Copies the page. */
        public Entry {
            Objects.requireNonNull(kind, "kind");
            page = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(page));
        }
    }
}
