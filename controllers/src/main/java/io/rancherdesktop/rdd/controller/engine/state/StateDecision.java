package io.rancherdesktop.rdd.controller.engine.state;

import java.util.Objects;

/** What to do about one {@code spec.state} request given the container's current status. */
public sealed interface StateDecision {

    /**
     * Nothing to call. {@code reached}: the container is in the requested state, so the request is served
     * ({@code lastAction Succeeded}); false only for {@code spec.state=unknown}, where there is no request.
     */
    record NoOp(boolean reached) implements StateDecision {
    }

    /** Make this Docker call, then look again. */
    record Call(StateCall call) implements StateDecision {
        public Call {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The container is in a transitional or unsettled state: requeue with backoff and decide again. */
    record Wait(String reason) implements StateDecision {
        public Wait {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request cannot be served; the message goes to {@code lastAction.error}. */
    record Fail(String message) implements StateDecision {
        public Fail {
            Objects.requireNonNull(message, "message");
        }
    }
}
