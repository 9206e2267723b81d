package io.rancherdesktop.rdd.controller.engine.request;

import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestStatus;
import java.util.Objects;
import java.util.function.Consumer;

/** How serving a request ended: its final {@code Complete}/{@code Failed} conditions (docs/api.md §3.5). */
public sealed interface RequestOutcome<S extends RequestStatus> {

    /**
     * Complete=True with {@code reason}; {@code refs} writes what the request made ({@code status.*Ref}) into the
     * status.
     */
    record Done<S extends RequestStatus>(String reason, String message, Consumer<S> refs) implements RequestOutcome<S> {
        public Done {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(refs, "refs");
            message = message == null ? "" : message;
        }
    }

    /** Failed=True (and Complete=False) with {@code reason} and the engine's message. */
    record Failed<S extends RequestStatus>(String reason, String message) implements RequestOutcome<S> {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            message = message == null ? "" : message;
        }
    }

    static <S extends RequestStatus> RequestOutcome<S> failed(String reason, String message) {
        return new Failed<>(reason, message);
    }

    static <S extends RequestStatus> RequestOutcome<S> done(String reason, String message, Consumer<S> refs) {
        return new Done<>(reason, message, refs);
    }
}
