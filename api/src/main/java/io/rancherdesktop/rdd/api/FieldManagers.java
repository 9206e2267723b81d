package io.rancherdesktop.rdd.api;

/** Field manager names used for writes (server-side apply and {@code ?fieldManager=}). */
public final class FieldManagers {

    /** The engine controller's mirror writes (docs/design/mirroring-rules.md §4.3). */
    public static final String ENGINE_CONTROLLER = "engine-controller";

    private FieldManagers() {
    }
}
