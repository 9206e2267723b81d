package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** An informer event source that also records the highest resourceVersion it has received ({@link HighWaterMark}). */
public final class TrackingInformerEventSource<R extends HasMetadata, P extends HasMetadata> extends InformerEventSource<R, P> {
    private final HighWaterMark seen = new HighWaterMark();

    public TrackingInformerEventSource(InformerEventSourceConfiguration<R> configuration, EventSourceContext<P> context) {
        super(configuration, context);
    }

    public HighWaterMark seen() {
        return seen;
    }

    @Override
    public void onAdd(R resource) {
        seen.saw(resource);
        super.onAdd(resource);
    }

    @Override
    public void onUpdate(R oldObject, R newObject) {
        seen.saw(newObject);
        super.onUpdate(oldObject, newObject);
    }

    @Override
    public void onDelete(R resource, boolean deletedFinalStateUnknown) {
        seen.saw(resource);
        super.onDelete(resource, deletedFinalStateUnknown);
    }
}
