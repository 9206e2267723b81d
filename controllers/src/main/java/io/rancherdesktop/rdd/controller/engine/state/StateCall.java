package io.rancherdesktop.rdd.controller.engine.state;

/** The Docker calls a {@code spec.state} request can need. */
public enum StateCall {
    START,
    UNPAUSE,
    STOP,
    PAUSE,
    /** {@code docker restart} ({@code spec.state: restarted}): one call, never repeated for one request. */
    RESTART
}
