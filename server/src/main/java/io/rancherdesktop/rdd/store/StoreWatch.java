package io.rancherdesktop.rdd.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscription to committed changes of one resource (or of all resources), optionally limited to one
 * namespace. The store appends under its write lock, in revision order; the consumer polls. The queue is
 * bounded: a consumer that falls {@code capacity} items behind is terminated rather than slowing writers
 * down; it re-watches from the last revision it saw (as a Kubernetes client does).
 */
public final class StoreWatch implements AutoCloseable {
    private final ObjectStore store;
    private final String resource;
    private final String namespace;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<WatchItem> queue = new ArrayDeque<>();
    private boolean terminated;

    StoreWatch(ObjectStore store, String resource, String namespace, int capacity) {
        this.store = store;
        this.resource = resource;
        this.namespace = namespace;
        this.capacity = capacity;
    }

    /** The watched resource, {@code null} for all. */
    public String resource() {
        return resource;
    }

    /** The watched namespace, {@code null} for all. */
    public String namespace() {
        return namespace;
    }

    boolean matches(StoreEvent e) {
        return (resource == null || resource.equals(e.object().resource()))
                && (namespace == null || namespace.equals(e.object().namespace()));
    }

    /** Queues the replayed history of a new watch, which may exceed the capacity. */
    void preload(java.util.List<? extends WatchItem> items) {
        lock.lock();
        try {
            queue.addAll(items);
        } finally {
            lock.unlock();
        }
    }

    /** Called by the store under its write lock. */
    void offer(WatchItem item) {
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            if (queue.size() >= capacity && !(item instanceof WatchItem.Terminated)) {
                queue.clear();
                queue.add(new WatchItem.Terminated("the watcher fell more than " + capacity + " events behind"));
                terminated = true;
            } else {
                queue.add(item);
                terminated = item instanceof WatchItem.Terminated;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item, or {@code null} when none arrived within {@code timeout}. After a
     * {@link WatchItem.Terminated} nothing else arrives.
     */
    public WatchItem poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #poll(Duration)} without waiting. */
    public WatchItem pollNow() {
        lock.lock();
        try {
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a {@link WatchItem.Progress} mark at the current revision; it is queued behind every event
     * already queued, so it never claims more than was delivered.
     */
    public void requestProgress() {
        store.requestProgress(this);
    }

    /** Ends the watch from outside (e.g. a test that forces clients to reconnect). */
    public void terminate(String reason) {
        offer(new WatchItem.Terminated(reason));
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        store.unregister(this);
        lock.lock();
        try {
            terminated = true;
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
