package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.controller.StatusWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The App's {@code ContainerEngineReady} condition (docs/design/mirroring-rules.md §10): read-modify-write of the App
 * status with a fresh read per attempt, retried on 409, skipped when nothing would change, and stamped with the
 * App's generation as {@code observedGeneration}. A NotFound App is a no-op.
 */
public final class ContainerEngineReady {
    public static final String NOT_APPLICABLE_MESSAGE = "Engine mirroring is only supported with the moby backend";
    public static final String STOPPED_MESSAGE = "Container engine stopped";
    private static final String CONNECTED_PREFIX = "Mirroring the Docker engine at ";

    /** One value of the condition. */
    public record State(String status, String reason, String message) {
        public static State connected(String endpoint) {
            return new State(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED, CONNECTED_PREFIX + endpoint);
        }

        /**
         * The endpoint named by a {@code Connected} message (the engine the mirrors come from; streams such as exec
         * connect to it), or null for any other message.
         */
        public static String connectedEndpoint(String message) {
            return message != null && message.startsWith(CONNECTED_PREFIX) ? message.substring(CONNECTED_PREFIX.length()) : null;
        }

        public static State notApplicable() {
            return new State(Conditions.TRUE, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE, NOT_APPLICABLE_MESSAGE);
        }

        public static State stopped() {
            return new State(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED, STOPPED_MESSAGE);
        }

        public static State connectFailed(String error) {
            return new State(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED, error);
        }

        /** Whether {@code condition} has this status and reason and was written for {@code generation} or later. */
        boolean isRecordedIn(Optional<Condition> condition, long generation) {
            return condition.filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())
                    && Conditions.isCurrent(c, generation)).isPresent();
        }
    }

    private final KubernetesClient client;
    private final Clock clock;

    public ContainerEngineReady(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The condition as {@code app} carries it. */
    public static Optional<Condition> of(App app) {
        return Conditions.find(app.getStatus() == null ? null : app.getStatus().getConditions(),
                ConditionTypes.CONTAINER_ENGINE_READY);
    }

    /** Writes {@code state} for the App's {@code generation} unless it is already there. */
    public void write(State state, long generation) {
        StatusWriter.update(client, App.class, null, App.NAME, generation, fresh -> {
            AppStatus status = fresh.getStatus() == null ? new AppStatus() : fresh.getStatus();
            fresh.setStatus(status);
            return Conditions.setIn(status, Conditions.condition(ConditionTypes.CONTAINER_ENGINE_READY,
                    state.status(), state.reason(), state.message(), generation), clock.instant());
        });
    }
}
