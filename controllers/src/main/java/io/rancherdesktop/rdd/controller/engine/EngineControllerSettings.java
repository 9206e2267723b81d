package io.rancherdesktop.rdd.controller.engine;

import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSupervisor;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the engine controller.
 *
 * @param supervisor           connect, settle and stop timeouts, connect backoff, cache drain bound (docs/design/mirroring-rules.md §8.4: 30 s)
 * @param deleteBackoff        retries of a refused engine delete (§7.2)
 * @param waitBackoff          requeues while a container settles for a {@code spec.state} request (§6)
 * @param maxTransientFailures attempts of a Docker state call that failed transiently before it is recorded (§6.4)
 * @param afterCall            safety requeue after a state call (its status event normally comes first)
 * @param errorRetry           JOSDK's retry of a reconcile that threw (an API failure)
 */
public record EngineControllerSettings(EngineSupervisor.Settings supervisor, Backoff deleteBackoff, Backoff waitBackoff,
                                       int maxTransientFailures, Duration afterCall, Backoff errorRetry) {
    public EngineControllerSettings {
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(deleteBackoff, "deleteBackoff");
        Objects.requireNonNull(waitBackoff, "waitBackoff");
        Objects.requireNonNull(afterCall, "afterCall");
        Objects.requireNonNull(errorRetry, "errorRetry");
        if (maxTransientFailures < 1) {
            throw new IllegalArgumentException("maxTransientFailures must be at least 1, got " + maxTransientFailures);
        }
    }

    public static EngineControllerSettings defaults() {
        return new EngineControllerSettings(EngineSupervisor.Settings.defaults(),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60)),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)),
                3, Duration.ofSeconds(2),
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60)));
    }
}
