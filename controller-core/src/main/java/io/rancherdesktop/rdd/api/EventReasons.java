package io.rancherdesktop.rdd.api;

/** Reasons of Kubernetes Events the controllers record. */
public final class EventReasons {

    /** A Docker call serving a Container's {@code spec.state} request failed (engine-mirroring.md §6.4). */
    public static final String STATE_CHANGE_FAILED = "StateChangeFailed";

    private EventReasons() {
    }
}
