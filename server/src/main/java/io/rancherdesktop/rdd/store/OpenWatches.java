package io.rancherdesktop.rdd.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open watches, by watched resource (plus those of every resource), and the fan-out of a committed change to
 * the watches it matches. The store delivers under the write side of its read-write lock, so each watch receives
 * changes in revision order.
 */
final class OpenWatches {
    private final Map<String, CopyOnWriteArrayList<StoreWatch>> watchesByResource = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<StoreWatch> watchesOfAll = new CopyOnWriteArrayList<>();

    void add(StoreWatch w) {
        if (w.resource() == null) {
            watchesOfAll.add(w);
        } else {
            watchesByResource.computeIfAbsent(w.resource(), r -> new CopyOnWriteArrayList<>()).add(w);
        }
    }

    void remove(StoreWatch w) {
        if (w.resource() == null) {
            watchesOfAll.remove(w);
        } else {
            var l = watchesByResource.get(w.resource());
            if (l != null) {
                l.remove(w);
            }
        }
    }

    /** Queues a committed change on every watch it matches. */
    void deliver(StoreEvent event) {
        // Only the watches of this resource are visited: the cost of an event does not grow with the number of
        // objects, nor with watches of other resources.
        var watchers = watchesByResource.get(event.object().resource());
        if (watchers != null) {
            for (StoreWatch w : watchers) {
                if (w.matches(event)) {
                    w.offer(event);
                }
            }
        }
        for (StoreWatch w : watchesOfAll) {
            w.offer(event);
        }
    }

    int count() {
        return watchesOfAll.size() + watchesByResource.values().stream().mapToInt(List::size).sum();
    }

    /** Ends every open watch of {@code resource} (all resource-specific watches when {@code null}). */
    void terminate(String resource, String reason) {
        for (var e : watchesByResource.entrySet()) {
            if (resource == null || resource.equals(e.getKey())) {
                e.getValue().forEach(w -> w.terminate(reason));
            }
        }
    }

    /** Ends every open watch, including those of every resource. */
    void terminateAll(String reason) {
        for (var l : watchesByResource.values()) {
            l.forEach(w -> w.offer(new WatchItem.Terminated(reason)));
        }
        watchesOfAll.forEach(w -> w.offer(new WatchItem.Terminated(reason)));
    }
}
