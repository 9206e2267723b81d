package io.rancherdesktop.rdd.controller.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerRestartPolicy;
import io.rancherdesktop.rdd.api.containers.v1alpha1.CreateMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.CreateState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ContainerCreateRequest ({@code docker run -d} through the API) and the restart request ({@code spec.state:
 * restarted}) against a real dockerd (docs/api.md §3.2, §3.5). The test dockerd runs with {@code --bridge=none}:
 * containers use network mode none, and port bindings are checked on a created, never started container.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerCreateRequestIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "ccreqs";
    private static final List<String> LOOP = List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done");

    private TestApiServer api;
    private EngineControllerHarness harness;
    private DockerClient docker;
    private Path bindDir;
    private final List<String> volumes = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(DockerdProcess engine) throws IOException {
        docker = engine.client();
        bindDir = Files.createTempDirectory("ccr-bind");
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RequestLabels.REQUEST_UID)).exec()) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // gone already
                }
            }
            for (String v : volumes) {
                try {
                    docker.removeVolumeCmd(v).exec();
                } catch (RuntimeException ignored) {
                    // gone already
                }
            }
            Files.deleteIfExists(bindDir);
        }
    }

    private ContainerCreateRequest request(String name, Consumer<ContainerCreateRequestSpec> fill) {
        ContainerCreateRequest r = new ContainerCreateRequest();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(R);
        r.setMetadata(meta);
        ContainerCreateRequestSpec spec = new ContainerCreateRequestSpec();
        spec.setImage(DockerdProcess.TEST_IMAGE);
        spec.setNetworkMode("none");
        spec.setArgs(LOOP);
        fill.accept(spec);
        r.setSpec(spec);
        return harness.client().resource(r).create();
    }

    private ContainerCreateRequest finished(String name) {
        return Await.value(name + " finished", T, () -> {
            ContainerCreateRequest r = harness.client().resources(ContainerCreateRequest.class).inNamespace(R).withName(name).get();
            return r != null && RequestReconciler.finished(r.getStatus()) ? r : null;
        });
    }

    private static Condition condition(ContainerCreateRequestStatus s, String type) {
        return Conditions.find(s.getConditions(), type).orElseThrow(() -> new AssertionError("no " + type + " in " + s.getConditions()));
    }

    private Condition failedWith(String request, String reason) {
        ContainerCreateRequest r = finished(request);
        Condition failed = condition(r.getStatus(), ConditionTypes.FAILED);
        assertEquals(Conditions.TRUE, failed.getStatus());
        assertEquals(reason, failed.getReason(), failed.getMessage());
        assertEquals(Conditions.FALSE, condition(r.getStatus(), ConditionTypes.COMPLETE).getStatus());
        assertNull(r.getStatus().getContainerRef());
        assertTrue(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RequestLabels.REQUEST_UID, r.getMetadata().getUid())).exec().isEmpty(), "nothing half-made stays");
        return failed;
    }

    @Test
    void aRunRequestCreatesAndStartsTheContainerWithEverythingItAskedForAndItsMirrorAppears() throws IOException {
        volumes.add("ccr_data");
        request("run-all", s -> {
            s.setName("ccr_all");
            s.setEnv(List.of("FOO=bar", "EMPTY="));
            s.setWorkingDir("/tmp");
            s.setLabels(Map.of("app", "demo"));
            CreateMount vol = new CreateMount();
            vol.setType("volume");
            vol.setSource("ccr_data");
            vol.setDestination("/data");
            CreateMount bind = new CreateMount();
            bind.setType("bind");
            bind.setSource(bindDir.toString());
            bind.setDestination("/host");
            bind.setReadOnly(true);
            s.setMounts(List.of(vol, bind));
            ContainerRestartPolicy policy = new ContainerRestartPolicy();
            policy.setName("on-failure");
            policy.setMaximumRetryCount(3);
            s.setRestartPolicy(policy);
        });
        ContainerCreateRequest r = finished("run-all");
        ContainerCreateRequestStatus s = r.getStatus();
        assertEquals(ConditionReasons.Request.CREATED, condition(s, ConditionTypes.COMPLETE).getReason(),
                condition(s, ConditionTypes.COMPLETE).getMessage());
        assertEquals("ccr_all", s.getName());
        assertNotNull(s.getStartTime());
        assertNotNull(s.getCompletionTime());
        InspectContainerResponse c = docker.inspectContainerCmd(s.getContainerRef()).exec();
        assertEquals("/ccr_all", c.getName());
        assertTrue(c.getState().getRunning());
        assertTrue(List.of(c.getConfig().getEnv()).containsAll(List.of("FOO=bar", "EMPTY=")), List.of(c.getConfig().getEnv()).toString());
        assertEquals("/tmp", c.getConfig().getWorkingDir());
        assertEquals("demo", c.getConfig().getLabels().get("app"));
        assertEquals(r.getMetadata().getUid(), c.getConfig().getLabels().get(RequestLabels.REQUEST_UID));
        assertEquals("none", c.getHostConfig().getNetworkMode());
        assertEquals("on-failure", c.getHostConfig().getRestartPolicy().getName());
        assertEquals(3, c.getHostConfig().getRestartPolicy().getMaximumRetryCount());
        var mounts = c.getMounts();
        assertTrue(mounts.stream().anyMatch(m -> "ccr_data".equals(m.getName()) && "/data".equals(m.getDestination().getPath())), mounts.toString());
        assertTrue(mounts.stream().anyMatch(m -> bindDir.toString().equals(m.getSource()) && "/host".equals(m.getDestination().getPath())
                && Boolean.FALSE.equals(m.getRW())), mounts.toString());
        Container mirror = Await.value("mirror", T, () -> harness.client().resources(Container.class).inNamespace(R)
                .withName(s.getContainerRef()).get());
        assertEquals("ccr_all", mirror.getStatus().getName());
    }

    @Test
    void pathIsTheEntrypointArgsTheCmdAndPortBindingsReachDockerOnACreatedContainer() {
        request("created-ports", s -> {
            s.setName("ccr_ports");
            s.setPath("/bin/sh");
            s.setArgs(List.of("-c", "echo hi"));
            s.setState(CreateState.CREATED);
            s.setPorts(List.of(new ContainerPort("80/tcp", List.of(new PortBinding("127.0.0.1", "18080"))),
                    new ContainerPort("53/udp", List.of(new PortBinding(null, "")))));
        });
        ContainerCreateRequestStatus s = finished("created-ports").getStatus();
        assertEquals(Conditions.TRUE, condition(s, ConditionTypes.COMPLETE).getStatus(), condition(s, ConditionTypes.COMPLETE).getMessage());
        InspectContainerResponse c = docker.inspectContainerCmd(s.getContainerRef()).exec();
        assertEquals("created", c.getState().getStatus());
        assertEquals(List.of("/bin/sh"), List.of(c.getConfig().getEntrypoint()));
        assertEquals(List.of("-c", "echo hi"), List.of(c.getConfig().getCmd()));
        Map<ExposedPort, Ports.Binding[]> bindings = c.getHostConfig().getPortBindings().getBindings();
        Ports.Binding[] http = bindings.get(ExposedPort.tcp(80));
        assertEquals("127.0.0.1", http[0].getHostIp());
        assertEquals("18080", http[0].getHostPortSpec());
        assertNotNull(bindings.get(ExposedPort.udp(53)));
    }

    @Test
    void aNameAlreadyTakenEndsFailedNameConflictWithDockersMessage() {
        request("first", s -> s.setName("ccr_taken"));
        finished("first");
        request("second", s -> s.setName("ccr_taken"));
        Condition failed = failedWith("second", ConditionReasons.Request.NAME_CONFLICT);
        assertTrue(failed.getMessage().contains("already in use"), failed.getMessage());
    }

    @Test
    void anImageFromAnUnreachableRegistryEndsFailedImagePullFailed() {
        request("unreachable", s -> s.setImage("127.0.0.1:1/nope/nothing:1"));
        Condition failed = failedWith("unreachable", ConditionReasons.Request.IMAGE_PULL_FAILED);
        assertTrue(failed.getMessage().contains("127.0.0.1:1"), failed.getMessage());
    }

    @Test
    void anInvalidEnvEndsFailedWithDockersMessage() {
        request("bad-env", s -> s.setEnv(List.of("=oops")));
        Condition failed = failedWith("bad-env", ConditionReasons.Request.ENGINE_ERROR);
        assertTrue(failed.getMessage().contains("=oops"), failed.getMessage());
    }

    @Test
    void anInvalidPortSpecEndsFailedInvalidSpecBeforeAnyEngineCall() {
        request("bad-port", s -> s.setPorts(List.of(new ContainerPort("http", List.of()))));
        Condition failed = failedWith("bad-port", ConditionReasons.Request.INVALID_SPEC);
        assertTrue(failed.getMessage().contains("spec.ports"), failed.getMessage());
        request("bad-host-port", s -> s.setPorts(List.of(new ContainerPort("80/tcp", List.of(new PortBinding(null, "99999"))))));
        assertTrue(failedWith("bad-host-port", ConditionReasons.Request.INVALID_SPEC).getMessage().contains("99999"));
    }

    @Test
    void aContainerThatCannotStartIsRemovedAndTheRequestFailsStartFailed() {
        request("no-start", s -> {
            s.setName("ccr_nostart");
            s.setPath("/does/not/exist");
        });
        Condition failed = failedWith("no-start", ConditionReasons.Request.START_FAILED);
        assertTrue(failed.getMessage().contains("/does/not/exist"), failed.getMessage());
    }

    @Test
    void restartedRestartsTheContainerOnceAndIsRecordedInLastAction() {
        request("to-restart", s -> s.setName("ccr_restart"));
        String id = finished("to-restart").getStatus().getContainerRef();
        String startedBefore = docker.inspectContainerCmd(id).exec().getState().getStartedAt();
        Await.until("mirror", T, () -> harness.client().resources(Container.class).inNamespace(R).withName(id).get() != null);
        Container patched = harness.client().resources(Container.class).inNamespace(R).withName(id)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"state\":\"restarted\"}}");
        long generation = patched.getMetadata().getGeneration();
        LastAction action = Await.value("restart served", T, () -> {
            Container c = harness.client().resources(Container.class).inNamespace(R).withName(id).get();
            LastAction a = c.getStatus() == null ? null : c.getStatus().getLastAction();
            return a != null && a.getObservedGeneration() != null && a.getObservedGeneration() >= generation
                    && c.getSpec().getState() == RequestedState.UNKNOWN ? a : null;
        });
        assertEquals(RequestedState.RESTARTED, action.getAction());
        assertEquals(ActionOutcome.SUCCEEDED, action.getState(), action.getError());
        var state = docker.inspectContainerCmd(id).exec().getState();
        assertTrue(state.getRunning());
        assertNotEquals(startedBefore, state.getStartedAt());
    }
}
