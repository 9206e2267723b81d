package io.rancherdesktop.rdd.controller.engine.state;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineCallException;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs {@code spec.state} requests against Docker: inspects the container, asks {@link ContainerStateDecision}
 * and makes the one call it names. Every call here is idempotent (docs/design/mirroring-rules.md §6.3), so repeating a step after a crash is safe.
 */
public final class ContainerStateExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerStateExecutor.class);

    private final DockerEngineClient engine;
    private final DockerClient docker;
    private final ContainerStateDecision decision;
    private final Duration stopTimeout;

    /**
     * @param stopTimeout grace period of the stop before SIGKILL; null for the container's own, as {@code docker stop}
     *                    without {@code -t}: its {@code StopTimeout} (e.g. {@code docker run --stop-timeout 30}), else
     *                    the engine's default (10 s). The stop is then sent without {@code t}, which docker-java
     *                    cannot do (it always sends 10).
     */
    public ContainerStateExecutor(DockerEngineClient engine, ContainerStateDecision decision, Duration stopTimeout) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.docker = engine.docker();
        this.decision = Objects.requireNonNull(decision, "decision");
        this.stopTimeout = stopTimeout;
    }

    /** Docker's current status of the container; empty when it does not exist. */
    public Optional<ContainerRunState> inspectStatus(String containerId) {
        try {
            var state = docker.inspectContainerCmd(containerId).exec().getState();
            return Optional.of(state == null ? ContainerRunState.UNKNOWN : ContainerRunState.fromDocker(state.getStatus()));
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * One step of a request: inspect, decide, call at most once.
     *
     * @param waited how long this request has been waiting for an unsettled container (for the settle deadline)
     */
    public StepOutcome step(String containerId, RequestedState desired, Duration waited) {
        if (desired == RequestedState.UNKNOWN) {
            return new StepOutcome.Idle();
        }
        Optional<ContainerRunState> actual = inspectStatus(containerId);
        if (actual.isEmpty()) {
            return new StepOutcome.Gone();
        }
        if (desired == RequestedState.RESTARTED) {
            // One-shot: the call's own answer is the outcome (docker restart returns once the container runs again),
            // and a failure is not retried, so one request never restarts a container twice.
            return switch (execute(containerId, StateCall.RESTART)) {
                case CallOutcome.Done() -> new StepOutcome.Reached(ContainerRunState.RUNNING); // docker restart answers once it runs
                case CallOutcome.NotFound() -> new StepOutcome.Gone();
                case CallOutcome.Failed(int status, String message) -> new StepOutcome.Failed(message, false, status);
            };
        }
        return switch (decision.decide(desired, actual.get(), waited)) {
            case StateDecision.NoOp(boolean reached) -> reached ? new StepOutcome.Reached(actual.get()) : new StepOutcome.Idle();
            case StateDecision.Wait(String reason) -> new StepOutcome.Waiting(reason);
            case StateDecision.Fail(String message) -> new StepOutcome.Failed(message, false, 0);
            case StateDecision.Call(StateCall call) -> switch (execute(containerId, call)) {
                case CallOutcome.Done() -> new StepOutcome.Called(call);
                case CallOutcome.NotFound() -> new StepOutcome.Gone();
                case CallOutcome.Failed(int status, String message) -> new StepOutcome.Failed(message, true, status);
            };
        };
    }

    /** Makes one Docker call and classifies the answer; never throws for an engine error. */
    public CallOutcome execute(String containerId, StateCall call) {
        try {
            switch (call) {
                case START -> docker.startContainerCmd(containerId).exec();
                case UNPAUSE -> docker.unpauseContainerCmd(containerId).exec();
                case PAUSE -> docker.pauseContainerCmd(containerId).exec();
                case STOP -> engine.stopContainer(containerId, stopTimeout); // false (304): already stopped, done
                case RESTART -> {
                    var restart = docker.restartContainerCmd(containerId);
                    if (stopTimeout != null) {
                        restart.withTimeout((int) stopTimeout.toSeconds());
                    }
                    restart.exec();
                }
            }
            LOG.info("Container {}: {} done", containerId, call.name().toLowerCase(java.util.Locale.ROOT));
            return new CallOutcome.Done();
        } catch (NotModifiedException alreadyThere) {
            return new CallOutcome.Done();
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return new CallOutcome.NotFound();
            }
            int status = switch (e) {
                case DockerException de -> de.getHttpStatus();
                case EngineCallException ce -> ce.httpStatus();
                default -> 0;
            };
            String message = EngineErrors.message(e);
            LOG.warn("Container {}: {} failed: {}", containerId, call.name().toLowerCase(java.util.Locale.ROOT), message);
            return new CallOutcome.Failed(status, message);
        }
    }
}
