package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link KindCache} over a plain fabric8 informer (used where no operator runs, e.g. benchmarks). */
public final class InformerKindCache<T extends HasMetadata> implements KindCache<T> {
    private final SharedIndexInformer<T> informer;
    private final HighWaterMark seen = new HighWaterMark();

    /** Registers its handler on {@code informer}; create it before the informer starts. */
    public InformerKindCache(SharedIndexInformer<T> informer) {
        this.informer = Objects.requireNonNull(informer, "informer");
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen.saw(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen.saw(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                seen.saw(obj);
            }
        });
    }

    @Override
    public long highestResourceVersionSeen() {
        return seen.get();
    }

    @Override
    public Optional<T> get(String namespace, String name) {
        return Optional.ofNullable(informer.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    @Override
    public List<T> byIndex(String indexName, String key) {
        return informer.getIndexer().byIndex(indexName, key);
    }

    @Override
    public List<T> list(String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }
}
