package io.rancherdesktop.rdd.controller.engine.state;

import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import java.util.Objects;

/**
 * One reconcile step of a {@code spec.state} request: what the reconciler records and whether it requeues
 * (docs/design/mirroring-rules.md §6.1–6.4).
 */
public sealed interface StepOutcome {

    /** {@code spec.state} is {@code unknown}: nothing requested, nothing to record. */
    record Idle() implements StepOutcome {
    }

    /**
     * The container is in the requested state: record {@code lastAction Succeeded}, reset {@code spec.state}.
     * {@code state} is Docker's status of the container as served (e.g. {@code exited} for a {@code created} request).
     */
    record Reached(ContainerRunState state) implements StepOutcome {
        public Reached {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The call was made; requeue soon and look again. */
    record Called(StateCall call) implements StepOutcome {
        public Called {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The container has not settled; requeue with backoff. */
    record Waiting(String reason) implements StepOutcome {
        public Waiting {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The request failed. {@code fromEngine}: the Docker call failed ({@code error} is Docker's own text and
     * {@code httpStatus} its status, 0 when no answer came); otherwise the decision itself failed (the settle
     * deadline passed) and retrying cannot help.
     */
    record Failed(String error, boolean fromEngine, int httpStatus) implements StepOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        /**
         * Whether another attempt may succeed (§6.4 retries those a bounded number of times): the engine did not
         * answer or answered with a server error. A 4xx refusal such as 409 "is not running" is deterministic.
         */
        public boolean transientFailure() {
            return fromEngine && (httpStatus == 0 || httpStatus >= 500);
        }
    }

    /** The container no longer exists; its mirror goes with the destroy event. */
    record Gone() implements StepOutcome {
    }
}
