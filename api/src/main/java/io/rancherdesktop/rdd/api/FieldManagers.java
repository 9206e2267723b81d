package io.rancherdesktop.rdd.api;

/** Field manager names used for writes (server-side apply and {@code ?fieldManager=}). */
public final class FieldManagers {

    /** The engine controller's mirror writes (engine-mirroring.md §4.3). */
    public static final String ENGINE_CONTROLLER = "engine-controller";

    private FieldManagers() {
    }
}
