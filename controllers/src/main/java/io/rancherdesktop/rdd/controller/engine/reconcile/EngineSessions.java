package io.rancherdesktop.rdd.controller.engine.reconcile;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "The watcher" of docs/design/mirroring-rules.md §1.3: the one session the supervisor publishes, read by the per-object
 * reconcilers. No live session means per-object work is parked.
 */
public final class EngineSessions {
    private final AtomicReference<ActiveSession> current = new AtomicReference<>();

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
    }

    /** Unpublishes {@code session} if it is still the published one. */
    void withdraw(ActiveSession session) {
        current.compareAndSet(session, null);
    }
}
