package io.rancherdesktop.rdd.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory copy of every committed object, by resource and key in key order, and the revision it reflects.
 * Reads of single objects take no lock (concurrent maps); the store applies committed changes under the write side
 * of its read-write lock, in revision order, and takes the read side where a read must be consistent with
 * {@link #revision()}.
 */
final class ObjectIndex {
    private final Map<String, ConcurrentSkipListMap<ObjectKey, StoredObject>> objects = new ConcurrentHashMap<>();
    private volatile long revision;

    /** An index of what the journal held at open. */
    ObjectIndex(SqliteJournal.Contents contents) {
        for (StoredObject o : contents.objects()) {
            objects.computeIfAbsent(o.resource(), r -> new ConcurrentSkipListMap<>()).put(o.key(), o);
        }
        revision = contents.revision();
    }

    /** The revision of the last committed write. */
    long revision() {
        return revision;
    }

    Optional<StoredObject> get(String resource, ObjectKey key) {
        var m = objects.get(resource);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(key));
    }

    /** Number of objects of one resource (all namespaces). */
    int count(String resource) {
        var m = objects.get(resource);
        return m == null ? 0 : m.size();
    }

    /**
     * A live view of the objects of {@code resource} in key order, in {@code namespace} (all when {@code null}),
     * starting after {@code after} (from the start when {@code null}).
     */
    Collection<StoredObject> range(String resource, String namespace, ObjectKey after) {
        NavigableMap<ObjectKey, StoredObject> m = objects.get(resource);
        if (m == null) {
            return List.of();
        }
        if (namespace != null) {
            // "\0" sorts before every real name, so [ns/\0, ns\0/\0) is exactly the namespace.
            m = m.subMap(new ObjectKey(namespace, "\0"), true, new ObjectKey(namespace + "\0", "\0"), false);
        }
        if (after != null) {
            m = m.tailMap(after, false);
        }
        return m.values();
    }

    /** Resources that have at least one object in {@code namespace}. */
    List<String> resourcesWithObjectsIn(String namespace) {
        List<String> out = new ArrayList<>();
        for (var e : objects.entrySet()) {
            var sub = e.getValue().subMap(new ObjectKey(namespace, "\0"), true, new ObjectKey(namespace + "\0", "\0"), false);
            if (!sub.isEmpty()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Every resource that has objects. */
    List<String> resources() {
        return objects.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    /** Applies one committed change (under the store's write lock, in revision order) and advances the revision. */
    void apply(StoreEvent event) {
        StoredObject o = event.object();
        var m = objects.computeIfAbsent(o.resource(), r -> new ConcurrentSkipListMap<>());
        if (event.type() == StoreEvent.Type.DELETED) {
            m.remove(o.key());
        } else {
            m.put(o.key(), o);
        }
        revision = o.resourceVersion();
    }
}
