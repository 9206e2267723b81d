package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An informer cache plus this process's own recent writes that the cache has not seen yet ("read your writes").
 * Without the overlay a burst of Docker events could read a cache that lags one write behind: a tag applied by one
 * event and untagged by the next would be missing from the cache lookup and its mirror would leak, and a status
 * that flapped back would be compared with a stale cached status and wrongly skipped.
 *
 * <p>Resource versions of the rdd API server are one increasing counter, so "newer" is a numeric comparison; an
 * overlay entry is dropped as soon as the cache holds that version or a newer one.
 */
public final class KindView<T extends HasMetadata> {
    private static final int SWEEP_EVERY = 256;

    private final KindCache<T> cache;
    private final Map<Key, Pending<T>> recent = new ConcurrentHashMap<>();
    private final Map<Key, Confirmed> confirmed = new ConcurrentHashMap<>();
    private final AtomicInteger writesSinceSweep = new AtomicInteger();

    private record Key(String namespace, String name) {
    }

    private sealed interface Pending<T> {
        long resourceVersion();
    }

    private record Written<T>(T object, long resourceVersion) implements Pending<T> {
    }

    /** Removed by this process; {@code resourceVersion} is the last version it saw (-1: never saw one). */
    private record Removed<T>(long resourceVersion) implements Pending<T> {
    }

    /** The engine record last found equal to (or written as) the object's status at {@code resourceVersion}. */
    private record Confirmed(Object record, long resourceVersion) {
    }

    public KindView(KindCache<T> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    public KindCache<T> cache() {
        return cache;
    }

    /** The newest known state of the object: the cache, or this process's later write or removal. */
    public Optional<T> current(String namespace, String name) {
        Key key = new Key(namespace, name);
        Optional<T> cached = cache.get(namespace, name);
        Pending<T> p = recent.get(key);
        if (p == null) {
            return cached;
        }
        long cachedRv = cached.map(KindView::resourceVersion).orElse(-1L);
        return switch (p) {
            case Written<T> w -> {
                // The cache has this version, or has seen a later event of the kind (so also this write and
                // anything after it, such as a deletion by somebody else).
                if (cachedRv >= w.resourceVersion() || cache.highestResourceVersionSeen() >= w.resourceVersion()) {
                    recent.remove(key, p);
                    yield cached;
                }
                yield Optional.of(w.object());
            }
            case Removed<T> r -> {
                if (cached.isEmpty() || cachedRv > r.resourceVersion()) {
                    recent.remove(key, p); // the cache saw the delete, or the object was created again since
                    yield cached;
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * Objects in {@code namespace} found through the cache index {@code index}/{@code key}, corrected by this
     * process's recent writes; {@code matches} must hold for an object to be in the index (it is re-checked
     * against the newest state).
     */
    public List<T> matching(String namespace, String index, String key, Predicate<T> matches) {
        Map<String, T> byName = new LinkedHashMap<>();
        for (T t : cache.byIndex(index, key)) {
            if (namespace.equals(t.getMetadata().getNamespace())) {
                byName.put(t.getMetadata().getName(), t);
            }
        }
        for (String name : List.copyOf(byName.keySet())) {
            Optional<T> now = current(namespace, name);
            if (now.isEmpty() || !matches.test(now.get())) {
                byName.remove(name);
            } else {
                byName.put(name, now.get());
            }
        }
        for (Key k : List.copyOf(recent.keySet())) {
            if (k.namespace().equals(namespace) && !byName.containsKey(k.name())) {
                current(namespace, k.name()).filter(matches).ifPresent(t -> byName.put(k.name(), t));
            }
        }
        return List.copyOf(byName.values());
    }

    /** The names of every object in {@code namespace}: the cache corrected by this process's recent writes. */
    public java.util.SortedSet<String> namesIn(String namespace) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (T t : cache.list(namespace)) {
            names.add(t.getMetadata().getName());
        }
        for (Key k : List.copyOf(recent.keySet())) {
            if (k.namespace().equals(namespace)) {
                names.add(k.name());
            }
        }
        names.removeIf(n -> current(namespace, n).isEmpty());
        return names;
    }

    /** Records an object as the server returned it after a write by this process. */
    public void written(T object) {
        Key key = new Key(object.getMetadata().getNamespace(), object.getMetadata().getName());
        long rv = resourceVersion(object);
        recent.merge(key, new Written<>(object, rv), (old, neu) -> old.resourceVersion() > rv ? old : neu);
        maybeSweep();
    }

    /** Records that this process removed the object; {@code lastSeen} is the last resourceVersion it saw, or -1. */
    public void removed(String namespace, String name, long lastSeen) {
        Key key = new Key(namespace, name);
        recent.put(key, new Removed<>(lastSeen));
        confirmed.remove(key);
        maybeSweep();
    }

    /**
     * Whether {@code record} (an engine status record, compared with {@code equals}) is the one last confirmed for
     * the object at exactly {@code resourceVersion}: then its status is known to be current without rendering and
     * comparing it again. Any write by anybody changes the resourceVersion and voids the confirmation.
     */
    public boolean confirmedUnchanged(String namespace, String name, Object record, long resourceVersion) {
        Confirmed c = confirmed.get(new Key(namespace, name));
        return c != null && resourceVersion >= 0 && c.resourceVersion() == resourceVersion && c.record().equals(record);
    }

    /** Remembers that the object's status at {@code resourceVersion} is what {@code record} maps to. */
    public void confirm(String namespace, String name, Object record, long resourceVersion) {
        confirmed.put(new Key(namespace, name), new Confirmed(record, resourceVersion));
    }

    /** Own writes and removals the cache has not seen yet (diagnostics, tests, benchmarks); drops caught-up ones. */
    public int pendingWrites() {
        recent.keySet().forEach(k -> current(k.namespace(), k.name()));
        return recent.size();
    }

    private void maybeSweep() {
        if (writesSinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            recent.keySet().forEach(k -> current(k.namespace(), k.name()));
        }
    }

    /** The numeric resourceVersion; -1 when absent or not a number (then the cache always wins). */
    public static long resourceVersion(HasMetadata o) {
        String rv = o.getMetadata() == null ? null : o.getMetadata().getResourceVersion();
        if (rv == null || rv.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
