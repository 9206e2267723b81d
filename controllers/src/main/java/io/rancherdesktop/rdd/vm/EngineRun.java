package io.rancherdesktop.rdd.vm;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the parts of the {@link ProcessDriver} share: the instance's layout and host, the status hub, and the driver's
 * {@link DriverState} with the engine it runs. The mutable fields are guarded by this object's monitor; code that
 * reads or changes several of them at once holds it ({@code synchronized (run)}).
 */
final class EngineRun {
    final EngineLayout layout;
    final HostEnvironment host;
    final StatusHub hub;
    /** Bumped whenever the desired state changes; restart work scheduled under an older epoch does nothing. */
    final AtomicLong epoch = new AtomicLong();

    // Guarded by "this".
    private DriverState state = DriverState.IDLE;
    EngineChild current;
    EngineConfig config;
    int restartCount;
    final Deque<Instant> recentExits = new ArrayDeque<>();
    ScheduledFuture<?> pendingRestart;
    /** The last engine that died behind the driver's back; its helpers may still be dying (see EngineStopper). */
    EngineChild crashed;

    EngineRun(EngineLayout layout, HostEnvironment host, StatusHub hub) {
        this.layout = layout;
        this.host = host;
        this.hub = hub;
    }

    synchronized DriverState state() {
        return state;
    }

    synchronized boolean isClosed() {
        return state == DriverState.CLOSED;
    }

    /**
     * Moves to {@code next} (caller holds the monitor). Once closed the driver stays closed: work still in flight
     * (a stop, a failing start) ends without reopening it.
     *
     * @throws IllegalStateException for a transition {@link DriverState#canBecome} does not allow
     */
    void become(DriverState next) {
        if (state == DriverState.CLOSED) {
            return;
        }
        if (!state.canBecome(next)) {
            throw new IllegalStateException("process driver: no transition from " + state + " to " + next);
        }
        state = next;
        if (next != DriverState.RUNNING && next != DriverState.BACKING_OFF) {
            epoch.incrementAndGet();
        }
    }

    void ensureOpen() {
        if (isClosed()) {
            throw new IllegalStateException("the process driver is closed");
        }
    }

    synchronized boolean pendingRestartExists() {
        return pendingRestart != null && !pendingRestart.isDone();
    }

    /** Cancels a scheduled restart (caller holds the monitor). */
    void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    VmStatus failed(VmReason reason, String message) {
        return new VmStatus(VmPhase.FAILED, reason, message, hub.current().restartCount(), Optional.empty());
    }

    static String runningMessage(EngineChild child, EngineConfig cfg) {
        return cfg.engine().daemon() + " is running (pid " + child.handle.pid() + (child.adopted ? ", adopted" : "") + ")";
    }
}
