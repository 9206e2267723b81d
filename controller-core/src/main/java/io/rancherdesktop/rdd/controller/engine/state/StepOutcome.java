package io.rancherdesktop.rdd.controller.engine.state;

import java.util.Objects;

/**
 * One reconcile step of a {@code spec.state} request: what the reconciler records and whether it requeues
 * (spec engine-mirroring.md §6.1–6.4).
 */
public sealed interface StepOutcome {

    /** {@code spec.state} is {@code unknown}: nothing requested, nothing to record. */
    record Idle() implements StepOutcome {
    }

    /** The container is in the requested state: record {@code lastAction Succeeded}, reset {@code spec.state}. */
    record Reached() implements StepOutcome {
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
     * The request failed. {@code fromEngine}: Docker refused the call, which §6.4 retries a bounded number of
     * times before recording {@code Failed}; otherwise the decision itself failed and retrying cannot help.
     */
    record Failed(String error, boolean fromEngine) implements StepOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The container no longer exists; its mirror goes with the destroy event. */
    record Gone() implements StepOutcome {
    }
}
