package io.jenkins.plugins.immutabledeploy.trigger;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where polls run: a few threads of their own, not Jenkins' cron thread, which a slow GitHub would
 * hold up for every job. Bounded twice, so a GitHub that stops answering cannot make polls pile up
 * without end: one poll per trigger waits or runs at a time (a cron tick while it does adds
 * nothing), and at most {@code capacity} polls wait in all (a tick beyond that is dropped; the next
 * tick tries again).
 */
final class PollQueue {
    /** What became of a cron tick. */
    enum Offer {
        /** The poll waits for a thread, or runs. */
        QUEUED,
        /** This trigger's previous poll still waits or runs: the tick adds nothing. */
        ALREADY_PENDING,
        /** The queue is full: the tick is dropped. */
        FULL
    }

    private final ThreadPoolExecutor executor;
    private final int capacity;
    /** The triggers whose poll waits or runs. */
    private final Set<Object> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param threads how many polls run at once
     * @param capacity how many polls may wait for a thread
     */
    PollQueue(int threads, int capacity) {
        this.capacity = capacity;
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, "GitHub release polling");
                    t.setDaemon(true);
                    return t;
                });
        // Idle threads end, so a Jenkins without polling triggers keeps none.
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * @param owner the trigger polling (compared by identity)
     * @param poll its poll
     * @return whether the poll was queued, or why not
     */
    Offer offer(Object owner, Runnable poll) {
        if (!pending.add(owner)) {
            return Offer.ALREADY_PENDING;
        }
        try {
            executor.execute(() -> {
                try {
                    poll.run();
                } finally {
                    pending.remove(owner);
                }
            });
            return Offer.QUEUED;
        } catch (RejectedExecutionException e) {
            pending.remove(owner);
            return Offer.FULL;
        }
    }

    /** @return how many polls wait for a thread now */
    int waiting() {
        return executor.getQueue().size();
    }

    /** @return how many polls may wait for a thread */
    int capacity() {
        return capacity;
    }
}
