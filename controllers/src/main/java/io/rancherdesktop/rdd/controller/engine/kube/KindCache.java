package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * A watch-fed, in-memory view of one kind (an informer cache). Reading it costs no API call; it may lag behind
 * writes this process just made, which {@link KindView} covers.
 */
public interface KindCache<T extends HasMetadata> {

    Optional<T> get(String namespace, String name);

    /** Objects whose index {@code indexName} (see {@link MirrorIndexes}) contains {@code key}. */
    List<T> byIndex(String indexName, String key);

    /** Every cached object in {@code namespace}. */
    List<T> list(String namespace);

    /** The highest resourceVersion the cache has received an event for; -1 if none or unknown. */
    long highestResourceVersionSeen();
}
