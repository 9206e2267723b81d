package io.rancherdesktop.rdd.ui.feed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ResourceFeed} backed by a fabric8 {@link SharedIndexInformer} (list, then watch, with the informer's
 * own reconnects). The informer is created lazily in {@link #start} so that a feed that is never started costs
 * nothing.
 */
public final class InformerFeed<T extends HasMetadata> implements ResourceFeed<T> {
    private static final Logger log = LoggerFactory.getLogger(InformerFeed.class);

    private final String description;
    private final Supplier<SharedIndexInformer<T>> informerFactory;
    private SharedIndexInformer<T> informer;
    private FeedListener<T> listener;
    private volatile Runnable trouble = () -> { };
    private volatile boolean closed;

    /**
     * @param description what the feed watches, for logs ("containers")
     * @param informerFactory creates an informer that is not yet started (e.g. {@code resources(..).runnableInformer(0)})
     */
    public InformerFeed(String description, Supplier<SharedIndexInformer<T>> informerFactory) {
        this.description = description;
        this.informerFactory = Objects.requireNonNull(informerFactory);
    }

    @Override
    public synchronized void start(FeedListener<T> listener) {
        if (informer != null) {
            throw new IllegalStateException("feed " + description + " already started");
        }
        this.listener = listener;
        informer = informerFactory.get();
        run(informer, listener);
    }

    /**
     * Replaces the informer by a new one seeded with the old one's objects ({@code initialState}), so its first list
     * reports what changed and what went while the service was unreachable; the old one's reconnect backoff (which
     * grows to many seconds) no longer delays the relist.
     */
    @Override
    public synchronized void relist() {
        if (informer == null || closed) {
            return;
        }
        SharedIndexInformer<T> old = informer;
        java.util.List<T> known = old.getStore().list();
        old.close();
        informer = informerFactory.get();
        informer.initialState(known.stream());
        run(informer, listener);
    }

    private void run(SharedIndexInformer<T> informer, FeedListener<T> listener) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                if (!closed) {
                    listener.upserted(obj);
                }
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (!closed) {
                    listener.upserted(newObj);
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                if (!closed) {
                    listener.deleted(obj);
                }
            }
        });
        // Keep retrying after watch errors: the service may restart under a running GUI.
        informer.exceptionHandler((started, t) -> {
            log.debug("informer for {} failed; retrying", description, t);
            trouble.run();
            return !closed;
        });
        informer.start().whenComplete((ignored, error) -> {
            if (error != null && !closed) {
                log.warn("cannot list {} from the rdd API: {}", description, error.getMessage());
            }
        });
    }

    @Override
    public void onTrouble(Runnable action) {
        trouble = action;
    }

    /** Whether the informer has completed its initial list. */
    public synchronized boolean hasSynced() {
        return informer != null && informer.hasSynced();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (informer != null) {
            informer.close();
        }
    }

    @Override
    public String toString() {
        return "InformerFeed[" + description + "]";
    }
}
