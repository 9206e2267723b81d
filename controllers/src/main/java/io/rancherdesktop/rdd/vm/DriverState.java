package io.rancherdesktop.rdd.vm;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of the {@link ProcessDriver}, with every allowed transition in one place ({@link #canBecome}). The
 * published {@link VmStatus} is what clients see; this is what the driver's own parts (launch, supervision, stop)
 * agree on. Each transition but those into {@link #RUNNING} and {@link #BACKING_OFF} changes what is wanted, so it
 * bumps the driver's epoch and restart work scheduled before it does nothing ({@link EngineRun#become}).
 */
enum DriverState {
    /** No engine wanted: never started, stopped, or given up on (start failure, crash loop). */
    IDLE,
    /** A start is adopting or launching the engine and waiting for it to answer. */
    STARTING,
    /** The engine is wanted and supervised: an exit is a crash to restart. */
    RUNNING,
    /** The engine died behind the driver's back; a restart is scheduled after a backoff. */
    BACKING_OFF,
    /** A stop or delete is terminating the engine. */
    STOPPING,
    /** The driver is closed; terminal. */
    CLOSED;

    /**
     * Whether {@code next} may follow this state. A start, a stop or giving up may come from any open state (a start
     * cancelled by a stop, or a stop that failed, leaves its state behind for the next operation to replace); close
     * always. Only RUNNING and BACKING_OFF have fixed predecessors: supervision begins with an answer or a restart,
     * and a backoff with the exit of a supervised engine.
     */
    boolean canBecome(DriverState next) {
        return switch (next) {
            case STARTING, STOPPING -> this != CLOSED;
            case RUNNING -> this == STARTING || this == BACKING_OFF; // answered, or a restart launched
            case BACKING_OFF -> this == RUNNING; // a supervised engine exited
            // Giving up (a failed start or restart, a crash loop) or a finished stop; a failure may also be reported
            // after a stop that overtook it.
            case IDLE -> this != CLOSED;
            case CLOSED -> true;
        };
    }

    /** Whether the engine is wanted (the driver restarts it, and a start with the same config is a no-op). */
    boolean wantsEngine() {
        return WANTED.contains(this);
    }

    private static final Set<DriverState> WANTED = EnumSet.of(STARTING, RUNNING, BACKING_OFF);
}
