package io.rancherdesktop.rdd.controller.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code spec.state} requests served against a real dockerd (docs/design/test-plan.md §1.1 J1, J2, J5, J6, J7, J9; review
 * S4 and gap 10). Each test drives {@link ContainerStateExecutor#step} the way the reconciler will: one step per
 * reconcile, requeueing until the request is reached or failed.
 */
@ExtendWith(RealDockerEngine.class)
class ContainerStateExecutorIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** PID 1 ignores SIGTERM unless it traps it: this container stops within a second. */
    private static final String[] LOOP = {"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"};

    private final DockerClient docker;
    private final DockerEngineClient engineClient;
    private final ContainerStateExecutor executor;
    private final List<String> created = new ArrayList<>();

    ContainerStateExecutorIT(DockerdProcess engine) {
        this.docker = engine.client();
        this.engineClient = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls());
        this.executor = new ContainerStateExecutor(engineClient, new ContainerStateDecision(Duration.ofSeconds(30)), Duration.ofSeconds(5));
    }

    @AfterEach
    void closeClient() {
        engineClient.close();
    }

    @BeforeEach
    @AfterEach
    void removeContainers() {
        for (String id : created) {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // removed by the test itself
            }
        }
        created.clear();
    }

    private String container(HostConfig hostConfig, String... cmd) {
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withCmd(cmd)
                .withHostConfig(hostConfig.withNetworkMode("none")).exec().getId();
        created.add(id);
        return id;
    }

    private String running() {
        String id = container(HostConfig.newHostConfig(), LOOP);
        docker.startContainerCmd(id).exec();
        return id;
    }

    private ContainerRunState status(String id) {
        return executor.inspectStatus(id).orElseThrow();
    }

    /** Steps until the request is served or failed, as the reconciler's requeues would. */
    private StepOutcome serve(String id, RequestedState desired) {
        Instant start = Instant.now();
        long pauseNanos = Duration.ofMillis(20).toNanos();
        while (true) {
            StepOutcome o = executor.step(id, desired, Duration.between(start, Instant.now()));
            switch (o) {
                case StepOutcome.Reached r -> {
                    return r;
                }
                case StepOutcome.Failed f -> {
                    return f;
                }
                case StepOutcome.Gone g -> {
                    return g;
                }
                case StepOutcome.Idle i -> {
                    return i;
                }
                case StepOutcome.Called c -> {
                    // Docker's state calls are synchronous: look again at once.
                }
                case StepOutcome.Waiting w -> {
                    // Requeue with backoff, as the reconciler does for an unsettled container.
                    LockSupport.parkNanos(pauseNanos);
                    pauseNanos = Math.min(pauseNanos * 2, Duration.ofMillis(500).toNanos());
                }
            }
            if (Duration.between(start, Instant.now()).compareTo(DEADLINE) > 0) {
                throw new AssertionError("request " + desired + " on " + id + " not served within " + DEADLINE + "; last " + o);
            }
        }
    }

    @Test
    void j1CreatedOnARunningContainerStopsIt() {
        String id = running();
        assertInstanceOf(StepOutcome.Reached.class, serve(id, RequestedState.CREATED));
        assertEquals(ContainerRunState.EXITED, status(id), "Docker agrees");
    }

    @Test
    void j2RunningStartsAnExitedAndANeverStartedContainer() {
        String exited = running();
        docker.stopContainerCmd(exited).withTimeout(5).exec();
        String fresh = container(HostConfig.newHostConfig(), LOOP);
        assertEquals(ContainerRunState.CREATED, status(fresh));

        assertInstanceOf(StepOutcome.Reached.class, serve(exited, RequestedState.RUNNING));
        assertInstanceOf(StepOutcome.Reached.class, serve(fresh, RequestedState.RUNNING));
        assertEquals(ContainerRunState.RUNNING, status(exited));
        assertEquals(ContainerRunState.RUNNING, status(fresh));
    }

    /**
     * Issue 14 (item 5): without a configured override the stop waits for the container's own stop timeout, as
     * {@code docker stop} without {@code -t} does: a container started with {@code --stop-timeout 3} whose process
     * ignores SIGTERM is killed after 3 s, not after docker-java's default of 10 s.
     */
    @Test
    void aStopWaitsForTheContainersOwnStopTimeoutNotADefaultOfTenSeconds() {
        ContainerStateExecutor containersOwn = new ContainerStateExecutor(engineClient, new ContainerStateDecision(Duration.ofSeconds(30)), null);
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withCmd("sh", "-c", "trap '' TERM; while true; do sleep 1; done")
                .withStopTimeout(3).withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        created.add(id);
        docker.startContainerCmd(id).exec();
        long start = System.nanoTime();
        assertInstanceOf(StepOutcome.Called.class, containersOwn.step(id, RequestedState.CREATED, Duration.ZERO));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(ContainerRunState.EXITED, status(id));
        assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0, "SIGTERM is ignored, so the stop waits the container's 3 s: " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(9)) < 0, "the container's 3 s, not docker-java's 10 s: " + took);
        assertEquals(137, docker.inspectContainerCmd(id).exec().getState().getExitCodeLong(), "killed after the grace period");
    }

    @Test
    void j5Gap10CreatedOnAPausedContainerStopsIt() {
        String id = running();
        docker.pauseContainerCmd(id).exec();
        assertEquals(ContainerRunState.PAUSED, status(id));

        assertInstanceOf(StepOutcome.Reached.class, serve(id, RequestedState.CREATED));
        assertEquals(ContainerRunState.EXITED, status(id));
    }

    @Test
    void j6RunningOnAPausedContainerUnpausesIt() {
        String id = running();
        docker.pauseContainerCmd(id).exec();
        String pidBefore = String.valueOf(docker.inspectContainerCmd(id).exec().getState().getPidLong());

        assertInstanceOf(StepOutcome.Reached.class, serve(id, RequestedState.RUNNING));
        assertEquals(ContainerRunState.RUNNING, status(id));
        assertEquals(pidBefore, String.valueOf(docker.inspectContainerCmd(id).exec().getState().getPidLong()),
                "unpaused, not restarted");
    }

    @Test
    void j7Gap10CreatedOnARestartAlwaysContainerThatKeepsRestartingStopsItForGood() {
        String id = container(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()), "sh", "-c", "exit 1");
        docker.startContainerCmd(id).exec();
        Await.until("the container to have restarted at least twice", DEADLINE,
                () -> docker.inspectContainerCmd(id).exec().getRestartCount() >= 2);

        assertInstanceOf(StepOutcome.Reached.class, serve(id, RequestedState.CREATED));

        int restarts = docker.inspectContainerCmd(id).exec().getRestartCount();
        // It stays exited: watch it for longer than Docker's restart backoff at this restart count.
        Instant until = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(until)) {
            var inspect = docker.inspectContainerCmd(id).exec();
            assertEquals("exited", inspect.getState().getStatus());
            assertEquals(restarts, inspect.getRestartCount());
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void j9PausedOnAnExitedContainerAsksDockerAndFailsWithDockersOwnDeterministicRefusal() {
        String id = running();
        docker.stopContainerCmd(id).withTimeout(5).exec();

        var failed = assertInstanceOf(StepOutcome.Failed.class, serve(id, RequestedState.PAUSED));
        assertTrue(failed.error().contains("is not running"), failed.error());
        assertTrue(failed.fromEngine());
        assertEquals(409, failed.httpStatus());
        assertFalse(failed.transientFailure(), "a 409 refusal is deterministic and not retried");
        assertEquals(ContainerRunState.EXITED, status(id));
    }

    @Test
    void unpauseOfARunningContainerIsClassifiedAsADockerFailureWithItsText() {
        String id = running();
        var refused = assertInstanceOf(CallOutcome.Failed.class, executor.execute(id, StateCall.UNPAUSE));
        assertTrue(refused.engineMessage().contains("is not paused"), refused.engineMessage());
    }

    @Test
    void aCallOnAMissingContainerIsNotFoundAndAStepOnItIsGone() {
        String id = running();
        docker.removeContainerCmd(id).withForce(true).exec();
        assertInstanceOf(CallOutcome.NotFound.class, executor.execute(id, StateCall.STOP));
        assertInstanceOf(StepOutcome.Gone.class, executor.step(id, RequestedState.RUNNING, Duration.ZERO));
    }

    @Test
    void repeatingAServedCallIsHarmlessBecauseEveryCallIsIdempotent() {
        String id = running();
        assertInstanceOf(CallOutcome.Done.class, executor.execute(id, StateCall.START), "start of a running container (304)");
        assertInstanceOf(CallOutcome.Done.class, executor.execute(id, StateCall.STOP));
        assertInstanceOf(CallOutcome.Done.class, executor.execute(id, StateCall.STOP), "stop of a stopped container (304)");
        assertEquals(ContainerRunState.EXITED, status(id));
    }

    @Test
    void unknownIsIdleAndTouchesNothing() {
        String id = running();
        assertInstanceOf(StepOutcome.Idle.class, executor.step(id, RequestedState.UNKNOWN, Duration.ZERO));
        assertEquals(ContainerRunState.RUNNING, status(id));
    }
}
