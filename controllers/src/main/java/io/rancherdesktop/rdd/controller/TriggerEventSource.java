package io.rancherdesktop.rdd.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

import java.util.Set;

/**
 * Lets code outside the informers ask for a reconcile of one primary resource: a driver reporting a state change,
 * a background operation finishing. Events for the same resource coalesce in java-operator-sdk's queue, so a burst
 * of notifications costs one reconcile. There are no secondary resources behind it.
 */
public final class TriggerEventSource<P extends HasMetadata> extends AbstractEventSource<Void, P> {

    public TriggerEventSource(String name) {
        super(Void.class, name);
    }

    /** Queues a reconcile of {@code id}; a no-op before the operator started or after it stopped. */
    public void trigger(ResourceID id) {
        if (isRunning() && getEventHandler() != null) {
            getEventHandler().handleEvent(new Event(id));
        }
    }

    @Override
    public Set<Void> getSecondaryResources(P primary) {
        return Set.of();
    }
}
