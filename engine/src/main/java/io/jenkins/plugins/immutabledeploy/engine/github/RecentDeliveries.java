package io.jenkins.plugins.immutabledeploy.engine.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids ({@code X-GitHub-Delivery}) of the last deliveries that started builds, so that a
 * delivery GitHub sends twice starts them once. Memory is bounded: past its capacity in ids
 * the oldest is forgotten. Thread-safe.
 */
public final class RecentDeliveries {
    /** How many ids are kept unless told otherwise: far more than GitHub retries in its window. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Map<String, Boolean> ids;

    /** Keeps the last {@value #DEFAULT_CAPACITY} ids. */
    public RecentDeliveries() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity how many ids to keep, at least 1
     */
    public RecentDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentDeliveries.this.capacity;
            }
        };
    }

    /**
     * Remembers an id, telling whether it is new. Check and remember are one step, so two
     * concurrent copies of a delivery cannot both be new.
     *
     * @param deliveryId the delivery id
     * @return true the first time an id is seen (while it is remembered), false for a repeat
     */
    public synchronized boolean markNew(String deliveryId) {
        return ids.put(deliveryId, Boolean.TRUE) == null;
    }

    /**
     * @param deliveryId the delivery id
     * @return whether it is remembered
     */
    synchronized boolean contains(String deliveryId) {
        return ids.containsKey(deliveryId);
    }

    /** @return how many ids are remembered now */
    synchronized int size() {
        return ids.size();
    }

}
