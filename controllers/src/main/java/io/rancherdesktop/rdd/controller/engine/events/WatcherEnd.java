package io.rancherdesktop.rdd.controller.engine.events;

import java.util.Objects;

/** Why a {@link DockerWatcher} ended. */
public record WatcherEnd(Reason reason, Throwable cause) {
    public enum Reason {
        /** The event stream failed (engine gone, connection reset, undecodable payload). */
        STREAM_ERROR,
        /** The engine closed the event stream. */
        STREAM_CLOSED,
        /**
         * The engine stopped answering {@code /_ping} within the liveness timeout while the event stream stayed open
         * (a frozen or wedged daemon: nothing would ever end the stream).
         */
        UNRESPONSIVE,
        /** Handling an action threw an {@link Error}: the watcher cannot trust its own state any more. */
        HANDLER_PANIC,
        /** {@link DockerWatcher#close()} was called; the only end that does not signal death. */
        STOPPED
    }

    public WatcherEnd {
        Objects.requireNonNull(reason, "reason");
    }

    /** True for every end except a deliberate stop. */
    public boolean died() {
        return reason != Reason.STOPPED;
    }
}
