package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link KindCache} over a java-operator-sdk informer cache (an informer event source or a primary cache). */
public final class OperatorKindCache<T extends HasMetadata> implements KindCache<T> {
    private final IndexerResourceCache<T> cache;
    private final HighWaterMark seen;

    /** @param seen fed by the informer's event handler (see {@code TrackingInformerEventSource}) */
    public OperatorKindCache(IndexerResourceCache<T> cache, HighWaterMark seen) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.seen = Objects.requireNonNull(seen, "seen");
    }

    @Override
    public long highestResourceVersionSeen() {
        return seen.get();
    }

    @Override
    public Optional<T> get(String namespace, String name) {
        return cache.get(new ResourceID(name, namespace));
    }

    @Override
    public List<T> byIndex(String indexName, String key) {
        return cache.byIndex(indexName, key);
    }

    @Override
    public List<T> list(String namespace) {
        return cache.list(namespace).toList();
    }
}
