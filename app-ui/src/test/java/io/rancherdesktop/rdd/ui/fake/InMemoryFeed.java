package io.rancherdesktop.rdd.ui.fake;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.ui.feed.FeedListener;
import io.rancherdesktop.rdd.ui.feed.ResourceFeed;
import io.rancherdesktop.rdd.ui.model.ResourceKeys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A feed the test controls (unit tests only; end-to-end tests use informers on the real service): objects put here
 * are delivered like informer events, from the calling thread.
 */
public final class InMemoryFeed<T extends HasMetadata> implements ResourceFeed<T> {
    private final Map<String, T> objects = new LinkedHashMap<>();
    private FeedListener<T> listener;
    private boolean closed;

    @Override
    public synchronized void start(FeedListener<T> l) {
        this.listener = l;
        objects.values().forEach(l::upserted);
    }

    public synchronized void put(T object) {
        objects.put(ResourceKeys.of(object), object);
        if (listener != null && !closed) {
            listener.upserted(object);
        }
    }

    public synchronized void remove(T object) {
        T old = objects.remove(ResourceKeys.of(object));
        if (listener != null && !closed && old != null) {
            listener.deleted(old);
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
