package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoreEvent;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoreWatch;
import io.rancherdesktop.rdd.store.WatchItem;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background worker that follows every committed change of the store on its own thread: a full resync at
 * start (and whenever it fell out of the history window), then one callback per event. The server's own
 * controllers (garbage collector, namespace lifecycle) are built on it.
 */
abstract class StoreFollower implements AutoCloseable {
    private final Logger log = LoggerFactory.getLogger(getClass());
    protected final ObjectStore store;
    private final String name;
    private volatile boolean stopped;
    private Thread thread;

    StoreFollower(ObjectStore store, String name) {
        this.store = store;
        this.name = name;
    }

    /** Rebuilds state from the store's current content. */
    protected abstract void resync();

    /** Handles one committed change. */
    protected abstract void onEvent(StoreEvent event);

    /** Called when no event arrived for a while (periodic re-checks). */
    protected void onIdle() {
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    private void run() {
        long from = -1;
        while (!stopped) {
            StoreWatch watch;
            try {
                if (from < 0) {
                    from = store.revision();
                    resync();
                }
                watch = store.watch(null, null, from);
            } catch (StoreException.HistoryExpired e) {
                from = -1;
                continue;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("{}: cannot follow the store: {}", name, e.toString());
                sleepQuietly();
                continue;
            }
            try (watch) {
                while (!stopped) {
                    WatchItem item = watch.poll(Duration.ofSeconds(5));
                    if (item == null) {
                        safely(this::onIdle);
                        continue;
                    }
                    if (item instanceof WatchItem.Terminated) {
                        break;
                    }
                    if (item instanceof StoreEvent e) {
                        from = e.resourceVersion();
                        safely(() -> onEvent(e));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("{}: {}", name, e.toString(), e);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000); // back-off after a store failure, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
