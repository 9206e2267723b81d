package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest resourceVersion an informer has delivered for its kind. Watch events of one kind arrive in
 * resourceVersion order, so once this passes the version of a write, the cache has seen that write, and also
 * whatever happened to the object afterwards (for example its deletion).
 */
public final class HighWaterMark {
    private final AtomicLong highest = new AtomicLong(-1);

    public void saw(HasMetadata object) {
        long rv = KindView.resourceVersion(object);
        highest.accumulateAndGet(rv, Math::max);
    }

    public long get() {
        return highest.get();
    }
}
