package io.rancherdesktop.rdd.api;

/** Reasons of Kubernetes Events the controllers record. */
public final class EventReasons {

    /** A Docker call serving a Container's {@code spec.state} request failed (docs/design/mirroring-rules.md §6.4). */
    public static final String STATE_CHANGE_FAILED = "StateChangeFailed";

    /**
     * A Container's {@code spec.state} request was served (Normal): one Event per served request, its message naming
     * the request's generation and the container's status before and after, e.g.
     * {@code spec.state=created (generation 7) served: running → exited} (docs/engine-mirroring.md, "Container conditions
     * and events"). A request superseded by a later one before it was served gets none.
     */
    public static final String STATE_CHANGED = "StateChanged";

    /**
     * The engine refused to delete the object behind a mirror that is being deleted (docs/design/mirroring-rules.md §7.2);
     * the mirror keeps its finalizer and the delete is retried.
     */
    public static final String ENGINE_DELETE_FAILED = "EngineDeleteFailed";

    /**
     * The engine refused to delete an image or volume because a container uses it (409 Conflict), after admission let
     * the delete through (the container was created in between): the delete is dropped, the mirror is put back at once
     * (a new uid) and the message names the users by Docker name (docs/engine-mirroring.md, "Finalizer lifecycle").
     */
    public static final String ENGINE_DELETE_REFUSED = "EngineDeleteRefused";

    private EventReasons() {
    }
}
