package io.rancherdesktop.rdd.controller.engine.reconcile;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "The watcher" of docs/design/mirroring-rules.md §1.3: the one session the supervisor publishes, read by the per-object
 * reconcilers. No live session means per-object work is parked.
 */
public final class EngineSessions {
    private final AtomicReference<ActiveSession> current = new AtomicReference<>();
    private final List<Runnable> onPublish = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code listener} after every publish of a session (the engine connected): the request controllers
     * serve the requests that waited for it (docs/api.md §3.5). Listeners must not block.
     */
    public void onPublish(Runnable listener) {
        onPublish.add(listener);
    }

    /** The published session if its watcher is alive. */
    public Optional<ActiveSession> live() {
        ActiveSession s = current.get();
        return s != null && s.isAlive() ? Optional.of(s) : Optional.empty();
    }

    /** The published session, alive or dead. */
    Optional<ActiveSession> published() {
        return Optional.ofNullable(current.get());
    }

    void publish(ActiveSession session) {
        current.set(session);
        onPublish.forEach(Runnable::run);
    }

    /** Unpublishes {@code session} if it is still the published one. */
    void withdraw(ActiveSession session) {
        current.compareAndSet(session, null);
    }
}
