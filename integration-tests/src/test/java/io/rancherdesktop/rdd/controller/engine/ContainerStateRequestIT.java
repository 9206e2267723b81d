package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code spec.state} as a one-shot request through the API (docs/design/mirroring-rules.md §6; docs/design/test-plan.md §1.1 J1–J9;
 * review S4, S7, gaps 8 and 10): served with a Docker call, recorded in {@code status.lastAction}, then returned to
 * {@code unknown}; out-of-band changes are not fought; a user's request is never lost or overwritten.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerStateRequestIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "states";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;
    private DockerClient docker;

    @BeforeAll
    void start(DockerdProcess engine) {
        docker = engine.client();
        fx = new EngineFixtures(engine);
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            fx.close();
        }
    }

    private Container mirror(String id) {
        return harness.client().resources(Container.class).inNamespace(R).withName(id).get();
    }

    private RunStatus status(String id) {
        Container c = mirror(id);
        return c == null || c.getStatus() == null ? null : c.getStatus().getStatus();
    }

    private String dockerStatus(String id) {
        return docker.inspectContainerCmd(id).exec().getState().getStatus();
    }

    private String mirrored(String name, boolean start) {
        String id = fx.container(name);
        if (start) {
            docker.startContainerCmd(id).exec();
        }
        RunStatus want = start ? RunStatus.RUNNING : RunStatus.CREATED;
        Await.until(name + " mirrored as " + want, T, () -> status(id) == want);
        return id;
    }

    /** Patches spec.state; returns the generation the request got. */
    private long request(String id, RequestedState state) {
        Container c = harness.client().resources(Container.class).inNamespace(R).withName(id)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"state\":\"" + state.value() + "\"}}");
        return c.getMetadata().getGeneration();
    }

    /** Waits until the request of {@code generation} is recorded and spec.state is back to unknown. */
    private LastAction served(String id, long generation) {
        return Await.value("request of generation " + generation + " served", T, () -> {
            Container c = mirror(id);
            LastAction a = c.getStatus() == null ? null : c.getStatus().getLastAction();
            return a != null && a.getObservedGeneration() != null && a.getObservedGeneration() >= generation
                    && c.getSpec().getState() == RequestedState.UNKNOWN ? a : null;
        });
    }

    /** An event barrier: once a volume created now is mirrored, every earlier Docker event has been handled. */
    private void barrier() {
        String vol = fx.volume("barrier_" + System.nanoTime());
        Await.until("barrier volume mirrored", T, () -> harness.client().resources(io.rancherdesktop.rdd.api.containers.v1alpha1.Volume.class)
                .inNamespace(R).withName(VolumeMirrorName.of(vol)).get() != null);
    }

    /** The messages of the {@code StateChanged} Events about container {@code id}. */
    private List<String> stateChanged(String id) {
        return harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> "StateChanged".equals(e.getReason()) && id.equals(e.getInvolvedObject().getName()))
                .peek(e -> assertEquals("Normal", e.getType()))
                .map(Event::getMessage).sorted().toList();
    }

    @Test
    void eachServedRequestRecordsOneNormalStateChangedEventNamingItsGenerationAndTheTransition() {
        String id = mirrored("audited", true);
        long stop = request(id, RequestedState.CREATED);
        served(id, stop);
        Await.until("mirror exited", T, () -> status(id) == RunStatus.EXITED);
        long start = request(id, RequestedState.RUNNING);
        served(id, start);
        Await.until("mirror running", T, () -> status(id) == RunStatus.RUNNING);
        long again = request(id, RequestedState.RUNNING); // already running: served without a call, still audited
        served(id, again);
        assertEquals(List.of(
                "spec.state=created (generation " + stop + ") served: running → exited",
                "spec.state=running (generation " + again + ") served: running → running",
                "spec.state=running (generation " + start + ") served: exited → running").stream().sorted().toList(),
                stateChanged(id));
    }

    @Test
    void j1CreatedStopsARunningContainerAndJ2RunningStartsItAgain() {
        String id = mirrored("j1_j2", true);
        LastAction stopped = served(id, request(id, RequestedState.CREATED));
        assertEquals(ActionOutcome.SUCCEEDED, stopped.getState());
        assertEquals(RequestedState.CREATED, stopped.getAction());
        assertNotNull(stopped.getObservedAt());
        assertNotNull(stopped.getCompletedAt());
        assertNull(stopped.getError());
        assertEquals("exited", dockerStatus(id));
        Await.until("mirror exited", T, () -> status(id) == RunStatus.EXITED);

        LastAction started = served(id, request(id, RequestedState.RUNNING));
        assertEquals(ActionOutcome.SUCCEEDED, started.getState());
        assertEquals("running", dockerStatus(id));
    }

    @Test
    void j3OutOfBandChangesAreMirroredAndNeverReverted() {
        String id = mirrored("j3", true);
        assertEquals(RequestedState.UNKNOWN, mirror(id).getSpec().getState());
        docker.stopContainerCmd(id).withTimeout(5).exec();
        Await.until("exited", T, () -> status(id) == RunStatus.EXITED);
        barrier();
        assertEquals("exited", dockerStatus(id), "nobody started it again");
        assertNull(mirror(id).getStatus().getLastAction());
    }

    @Test
    void j4SpecStateIsPatchableButAnInvalidValueAndOtherSpecFieldsAreRejected() {
        String id = mirrored("j4", false);
        KubernetesClientException badEnum = assertThrows(KubernetesClientException.class, () ->
                harness.client().resources(Container.class).inNamespace(R).withName(id)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"state\":\"exploded\"}}"));
        assertEquals(422, badEnum.getCode());
        assertTrue(badEnum.getMessage().contains("spec.state"), badEnum.getMessage());
        KubernetesClientException otherField = assertThrows(KubernetesClientException.class, () ->
                harness.client().resources(Container.class).inNamespace(R).withName(id)
                        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldValidation("Strict").build(),
                                "{\"spec\":{\"image\":\"other\"}}"));
        assertTrue(otherField.getCode() == 400 || otherField.getCode() == 422, otherField.getMessage());
        assertEquals(RequestedState.UNKNOWN, mirror(id).getSpec().getState());
        served(id, request(id, RequestedState.RUNNING));
    }

    @Test
    void j5Gap10CreatedOnAPausedContainerStopsIt() {
        String id = mirrored("j5", true);
        docker.pauseContainerCmd(id).exec();
        Await.until("paused", T, () -> status(id) == RunStatus.PAUSED);
        assertEquals(ActionOutcome.SUCCEEDED, served(id, request(id, RequestedState.CREATED)).getState());
        assertEquals("exited", dockerStatus(id));
    }

    @Test
    void j6RunningOnAPausedContainerUnpausesIt() {
        String id = mirrored("j6", true);
        docker.pauseContainerCmd(id).exec();
        Await.until("paused", T, () -> status(id) == RunStatus.PAUSED);
        assertEquals(ActionOutcome.SUCCEEDED, served(id, request(id, RequestedState.RUNNING)).getState());
        assertEquals("running", dockerStatus(id));
    }

    @Test
    void j7Gap10CreatedOnARestartLoopingContainerStopsItForGood() {
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("j7_restarting")
                .withCmd("sh", "-c", "exit 1")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withRestartPolicy(RestartPolicy.alwaysRestart()))
                .exec().getId();
        fx.removeContainerLater(id);
        docker.startContainerCmd(id).exec();
        Await.until("restart loop mirrored", T, () -> mirror(id) != null
                && (status(id) == RunStatus.RESTARTING || docker.inspectContainerCmd(id).exec().getRestartCount() > 0));
        assertEquals(ActionOutcome.SUCCEEDED, served(id, request(id, RequestedState.CREATED)).getState());
        assertEquals("exited", dockerStatus(id));
        int restarts = docker.inspectContainerCmd(id).exec().getRestartCount();
        barrier();
        assertEquals("exited", dockerStatus(id), "it stays exited");
        assertEquals(restarts, docker.inspectContainerCmd(id).exec().getRestartCount());
    }

    @Test
    void j8ARequestIsOneShotSoDockerStartSticksAndAskingAgainWorks() {
        String id = mirrored("j8", true);
        LastAction first = served(id, request(id, RequestedState.CREATED));
        docker.startContainerCmd(id).exec();
        Await.until("running again", T, () -> status(id) == RunStatus.RUNNING);
        barrier();
        assertEquals("running", dockerStatus(id), "the served request does not stop it again");
        LastAction second = served(id, request(id, RequestedState.CREATED));
        assertTrue(second.getObservedGeneration() > first.getObservedGeneration());
        assertEquals("exited", dockerStatus(id));
    }

    @Test
    void j9PausedOnAnExitedContainerRecordsDockersErrorAndResetsTheRequest() {
        String id = mirrored("j9", false);
        LastAction failed = served(id, request(id, RequestedState.PAUSED));
        assertEquals(ActionOutcome.FAILED, failed.getState());
        assertEquals(RequestedState.PAUSED, failed.getAction());
        assertTrue(failed.getError().contains("is not running"), failed.getError());
        assertEquals("created", dockerStatus(id));
        List<Event> events = harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> "StateChangeFailed".equals(e.getReason()) && id.equals(e.getInvolvedObject().getName())).toList();
        assertEquals(1, events.size());
        assertEquals("Warning", events.getFirst().getType());
        assertTrue(events.getFirst().getMessage().contains("is not running"), events.getFirst().getMessage());
    }

    /** Server-side applies {@code spec.state} as {@code kubectl apply --server-side} would: no force. */
    private long apply(String id, String manager, RequestedState state) {
        String config = "{\"apiVersion\":\"" + io.fabric8.kubernetes.api.model.HasMetadata.getApiVersion(Container.class)
                + "\",\"kind\":\"Container\",\"metadata\":{\"name\":\"" + id + "\",\"namespace\":\"" + R + "\"},"
                + "\"spec\":{\"state\":\"" + state.value() + "\"}}";
        Container c = harness.client().resources(Container.class).inNamespace(R).withName(id).patch(new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(manager).withForce(false).build(), config);
        return c.getMetadata().getGeneration();
    }

    /** The field managers that own {@code spec.state}. */
    private List<String> stateOwners(String id) {
        List<String> owners = new ArrayList<>();
        for (var e : mirror(id).getMetadata().getManagedFields()) {
            Object spec = e.getFieldsV1() == null ? null : e.getFieldsV1().getAdditionalProperties().get("f:spec");
            if (spec instanceof java.util.Map<?, ?> m && m.containsKey("f:state")) {
                owners.add(e.getManager() + "/" + e.getOperation());
            }
        }
        return owners;
    }

    /**
     * Issue 14 (item 6): {@code kubectl apply --server-side} of a state works again and again without
     * {@code --force-conflicts}. A served request is consumed: {@code spec.state} is back to {@code unknown} and no
     * field manager owns it (not the engine, whose reset would otherwise conflict with every later apply, and not
     * the requester, whose request is done), so the next apply, by the same manager or another, does not conflict.
     */
    @Test
    void serverSideApplyOfAStateWorksTwiceInARowWithoutForceConflicts() {
        String id = mirrored("ssa_twice", true);
        LastAction first = served(id, apply(id, "kubectl", RequestedState.CREATED));
        assertEquals(ActionOutcome.SUCCEEDED, first.getState());
        assertEquals("exited", dockerStatus(id));
        assertEquals(List.of(), stateOwners(id), "nobody owns a consumed request");

        docker.startContainerCmd(id).exec();
        Await.until("running again", T, () -> status(id) == RunStatus.RUNNING);
        LastAction again = served(id, apply(id, "kubectl", RequestedState.CREATED));
        assertEquals(ActionOutcome.SUCCEEDED, again.getState());
        assertTrue(again.getObservedGeneration() > first.getObservedGeneration());
        assertEquals("exited", dockerStatus(id));

        LastAction started = served(id, apply(id, "kubectl", RequestedState.RUNNING));
        assertEquals(ActionOutcome.SUCCEEDED, started.getState());
        assertEquals("running", dockerStatus(id));
        LastAction byAnother = served(id, apply(id, "another-applier", RequestedState.CREATED));
        assertEquals(ActionOutcome.SUCCEEDED, byAnother.getState());
        assertEquals("exited", dockerStatus(id));
        assertEquals(List.of(), stateOwners(id));
    }

    /** One observed version of the mirror. */
    private record Seen(long generation, RequestedState state, Long servedGeneration) {
    }

    @Test
    void gap8S7UserRequestsRacingEngineStatusWritesAreNeverLostOrOverwritten() throws Exception {
        // A container that flaps between running and restarting: a stream of engine status writes.
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("gap8_flapping")
                .withCmd("sh", "-c", "trap 'exit 0' TERM; sleep 0.2; exit 1")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withRestartPolicy(RestartPolicy.alwaysRestart()))
                .exec().getId();
        fx.removeContainerLater(id);
        docker.startContainerCmd(id).exec();
        Await.until("mirrored", T, () -> mirror(id) != null && mirror(id).getStatus() != null);

        List<Seen> history = new CopyOnWriteArrayList<>();
        List<Long> userGenerations = new ArrayList<>();
        try (Watch w = harness.client().resources(Container.class).inNamespace(R).withName(id).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Container c) {
                LastAction a = c.getStatus() == null ? null : c.getStatus().getLastAction();
                history.add(new Seen(c.getMetadata().getGeneration(), c.getSpec().getState(), a == null ? null : a.getObservedGeneration()));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            RequestedState[] asks = {RequestedState.CREATED, RequestedState.RUNNING};
            for (int i = 0; i < 16; i++) {
                long g = request(id, asks[i % 2]);
                userGenerations.add(g);
                if (i % 4 == 3) {
                    served(id, g); // sometimes let it be served; otherwise the next patch supersedes it
                }
            }
            long last = userGenerations.getLast();
            LastAction finalAction = served(id, last);
            assertEquals(last, finalAction.getObservedGeneration(), "the last request was served, not dropped");
            Await.until("watch caught up", T, () -> history.stream().anyMatch(s -> s.generation() > last));
        }
        // Every spec change not made by the user is the engine's reset of a request it had served: a request is
        // never reset unseen, and engine status writes never touch spec.
        long previousGeneration = -1;
        for (Seen s : history) {
            if (s.generation() != previousGeneration && previousGeneration >= 0 && !userGenerations.contains(s.generation())) {
                assertEquals(RequestedState.UNKNOWN, s.state(), "only the user sets a non-unknown state: " + s);
                assertEquals(s.generation() - 1, s.servedGeneration() == null ? -1 : s.servedGeneration(),
                        "the engine reset only the request it had just served: " + s + " in " + history);
            }
            previousGeneration = s.generation();
        }
        long resets = history.stream().map(Seen::generation).distinct()
                .filter(g -> g > userGenerations.getFirst() && !userGenerations.contains(g)).count();
        assertTrue(resets >= 4, "the served requests were reset by the engine: " + resets);
        long statusOnlyWrites = 0;
        for (int i = 1; i < history.size(); i++) {
            statusOnlyWrites += history.get(i).generation() == history.get(i - 1).generation() ? 1 : 0;
        }
        assertTrue(statusOnlyWrites >= 4, "the container flapped while requests raced: " + statusOnlyWrites + " status writes");
        docker.stopContainerCmd(id).withTimeout(2).exec();
    }
}
