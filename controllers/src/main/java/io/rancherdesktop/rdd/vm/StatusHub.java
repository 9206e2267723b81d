package io.rancherdesktop.rdd.vm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a driver's current {@link VmStatus} and tells listeners about each change, in order, on one named thread,
 * so a slow listener never stalls the driver and no two notifications race.
 */
final class StatusHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHub.class);

    private final List<VmStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private VmStatus current;

    StatusHub(String threadName, VmStatus initial) {
        this.current = initial;
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized VmStatus current() {
        return current;
    }

    /** Replaces the status; listeners hear about it only if it changed. */
    synchronized VmStatus publish(VmStatus next) {
        VmStatus previous = current;
        if (next.equals(previous)) {
            return previous;
        }
        current = next;
        log.debug("engine status {} {} -> {} {}: {}", previous.phase(), previous.reason().conditionReason(),
                next.phase(), next.reason().conditionReason(), next.message());
        if (!notifier.isShutdown()) {
            notifier.execute(() -> notifyAll(previous, next));
        }
        return next;
    }

    /** Atomically derives the next status from the current one (e.g. to keep {@code restartCount}). */
    synchronized VmStatus update(UnaryOperator<VmStatus> change) {
        return publish(change.apply(current));
    }

    private void notifyAll(VmStatus previous, VmStatus next) {
        for (VmStatusListener l : listeners) {
            try {
                l.statusChanged(previous, next);
            } catch (RuntimeException e) {
                log.warn("engine status listener {} failed", l, e);
            }
        }
    }

    VmDriver.ListenerRegistration add(VmStatusListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        notifier.shutdown();
    }
}
