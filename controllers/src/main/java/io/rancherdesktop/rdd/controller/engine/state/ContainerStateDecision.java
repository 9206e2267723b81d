package io.rancherdesktop.rdd.controller.engine.state;

import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code spec.state} decision table (docs/design/mirroring-rules.md §6, review S4, gap 10). Pure: (desired,
 * actual) → {@link StateDecision}. Waiting is bounded: once a request has waited {@link #settleTimeout()} for an
 * unsettled container, the decision becomes {@link StateDecision.Fail}.
 *
 * <p>Cells the spec table leaves open are decided as follows: {@code created} with {@code removing} or
 * {@code unknown} waits (the container is about to vanish or its state is unreadable).
 *
 * <p>{@code paused} on a container that is not running: docs/design/mirroring-rules.md §6 says "Failed: only a running container can be
 * paused" without a Docker call, while docs/design/test-plan.md §1.1 (J9) expects Docker's own error. J9 wins (decided for issue 6):
 * the pause call is made and Docker's refusal (HTTP 409, e.g. "Container … is not running") is recorded verbatim
 * as {@code lastAction.state=Failed}. The 409 is deterministic, so it is not retried.
 */
public final class ContainerStateDecision {
    /** Default bound on waiting for a {@code restarting}/{@code removing}/… container to settle. */
    public static final Duration DEFAULT_SETTLE_TIMEOUT = Duration.ofMinutes(2);

    private final Duration settleTimeout;

    public ContainerStateDecision(Duration settleTimeout) {
        Objects.requireNonNull(settleTimeout, "settleTimeout");
        if (settleTimeout.isNegative()) {
            throw new IllegalArgumentException("settleTimeout must not be negative, got " + settleTimeout);
        }
        this.settleTimeout = settleTimeout;
    }

    public Duration settleTimeout() {
        return settleTimeout;
    }

    /**
     * The table, without a deadline.
     */
    public static StateDecision decide(RequestedState desired, ContainerRunState actual) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(actual, "actual");
        return switch (desired) {
            case UNKNOWN -> new StateDecision.NoOp(false);
            case RUNNING -> switch (actual) {
                case CREATED, EXITED -> new StateDecision.Call(StateCall.START);
                case PAUSED -> new StateDecision.Call(StateCall.UNPAUSE);
                case RUNNING -> new StateDecision.NoOp(true);
                case RESTARTING, PAUSING, REMOVING, DEAD, UNKNOWN -> waitFor(actual);
            };
            case CREATED -> switch (actual) {
                // Docker stops a paused container itself (S4).
                case RUNNING, PAUSED, PAUSING, RESTARTING -> new StateDecision.Call(StateCall.STOP);
                case CREATED, EXITED, DEAD -> new StateDecision.NoOp(true);
                case REMOVING, UNKNOWN -> waitFor(actual);
            };
            case PAUSED -> switch (actual) {
                case PAUSED -> new StateDecision.NoOp(true);
                // Running: the pause. Anything else: Docker refuses with its own text (J9), which becomes lastAction.error.
                case RUNNING, CREATED, PAUSING, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN -> new StateDecision.Call(StateCall.PAUSE);
            };
            // Not a state: one restart call whatever the container is doing (docker restart starts a stopped one);
            // ContainerStateExecutor.step makes it once and counts its answer as the outcome.
            case RESTARTED -> new StateDecision.Call(StateCall.RESTART);
        };
    }

    /**
     * The table with the settle deadline applied: a {@link StateDecision.Wait} after {@code waited} ≥ the
     * settle timeout becomes a {@link StateDecision.Fail}.
     *
     * @param waited how long this request has been waiting for the container to settle
     */
    public StateDecision decide(RequestedState desired, ContainerRunState actual, Duration waited) {
        StateDecision d = decide(desired, actual);
        if (d instanceof StateDecision.Wait w && waited.compareTo(settleTimeout) >= 0) {
            return new StateDecision.Fail("gave up after " + settleTimeout + " waiting for the container to settle: "
                    + w.reason() + " (requested " + desired.value() + ")");
        }
        return d;
    }

    private static StateDecision waitFor(ContainerRunState actual) {
        return new StateDecision.Wait("the container is " + actual.wireValue());
    }
}
