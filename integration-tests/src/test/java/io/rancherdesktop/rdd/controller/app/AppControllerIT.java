package io.rancherdesktop.rdd.controller.app;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.controller.ControllerFixture;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The App and VirtualMachine controllers against the embedded API server, with the process driver running a real
 * dockerd (and containerd). Only the {@code app} group runs, so {@code Settled} does not wait for an engine
 * controller.
 */
class AppControllerIT {

    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(DefaultAdmissionPlugins.create()).build();

    private static ControllerFixture controllers;
    private static KubernetesClient client;

    @BeforeAll
    static void startControllers() {
        client = API.running().client();
        controllers = ControllerFixture.start(API.running(), "app", Map.of());
    }

    @AfterAll
    static void stopControllers() {
        controllers.close();
    }

    @AfterEach
    void deleteTheApp() {
        Resource<App> app = app();
        if (app.get() != null) {
            app.delete();
            app.waitUntilCondition(a -> a == null, 90, TimeUnit.SECONDS);
        }
    }

    private static Resource<App> app() {
        return client.resources(App.class).withName(App.NAME);
    }

    private static Resource<VirtualMachine> machine(String namespace) {
        return client.resources(VirtualMachine.class).inNamespace(namespace).withName(VirtualMachine.APP_VM_NAME);
    }

    private static App createApp(String namespace, boolean running, String driver) {
        App app = new App();
        app.getMetadata().setName(App.NAME);
        app.setSpec(new io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec());
        app.getSpec().setRunning(running);
        app.getSpec().setNamespace(namespace);
        if (driver != null) {
            app.getSpec().setVm(new io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec(io.rancherdesktop.rdd.api.VmDriverKind.valueOf(driver.toUpperCase()), null));
        }
        return client.resource(app).create();
    }

    private static App patchApp(String mergePatch) {
        return app().patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    /** Waits until Settled=True for the App's current generation and returns the App. */
    private static App awaitSettled(long generation) {
        return app().waitUntilCondition(settledAt(generation), 120, TimeUnit.SECONDS);
    }

    private static Predicate<App> settledAt(long generation) {
        return a -> a != null && a.getStatus() != null && Conditions.find(a.getStatus().getConditions(), ConditionTypes.SETTLED)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && Conditions.isCurrent(c, generation)).isPresent();
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " in " + conditions));
    }

    private static long enginesServing(String daemon, String socket) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(ph -> ph.info().command().map(c -> c.endsWith("/" + daemon)).orElse(false))
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(socket)).orElse(false))
                .count();
    }

    private static String dockerSocket() {
        return controllers.paths().dockerSocket();
    }

    @Test
    void createsMachineRdInTheResourceNamespaceOwnedByTheApp() {
        App created = createApp("rdd-it-owned", false, null);
        VirtualMachine vm = machine("rdd-it-owned").waitUntilCondition(v -> v != null
                && v.getMetadata().getFinalizers().contains(Finalizers.CLEANUP), 30, TimeUnit.SECONDS);

        assertTrue(vm.getMetadata().getFinalizers().contains(Finalizers.OWNED_BY_APP), vm.getMetadata().getFinalizers()::toString);
        OwnerReference owner = vm.getMetadata().getOwnerReferences().getFirst();
        assertEquals("App", owner.getKind());
        assertEquals(App.NAME, owner.getName());
        assertEquals(created.getMetadata().getUid(), owner.getUid());
        assertEquals(Boolean.TRUE, owner.getController());
        assertEquals(Boolean.FALSE, vm.getSpec().getRunning());
        assertEquals(ContainerEngine.MOBY, vm.getSpec().getContainerEngine().getName());

        Namespace ns = client.namespaces().withName("rdd-it-owned").get();
        assertEquals(created.getMetadata().getUid(), ns.getMetadata().getOwnerReferences().getFirst().getUid(),
                "the App controls the namespace it created");
        App withFinalizer = app().waitUntilCondition(a -> a.getMetadata().getFinalizers().contains(Finalizers.CLEANUP), 30, TimeUnit.SECONDS);
        assertEquals(List.of(Finalizers.CLEANUP), withFinalizer.getMetadata().getFinalizers());
    }

    @Test
    void mirrorsMachineConditionsWithTheirTransitionTimeAndTheAppsGeneration() {
        createApp("rdd-it-mirror", false, null);
        awaitSettled(1);
        // A spec change the machine does not see: the App's generation moves on, the machine's does not.
        App patched = patchApp("{\"spec\":{\"kubernetes\":{\"enabled\":false}}}");
        long generation = patched.getMetadata().getGeneration();
        assertEquals(2, generation);
        App settled = awaitSettled(generation);
        VirtualMachine vm = machine("rdd-it-mirror").get();
        assertEquals(1, vm.getMetadata().getGeneration());
        for (String type : List.of(ConditionTypes.CREATED, ConditionTypes.RUNNING)) {
            Condition mine = condition(vm.getStatus().getConditions(), type);
            Condition mirrored = condition(settled.getStatus().getConditions(), type);
            assertEquals(mine.getStatus(), mirrored.getStatus(), type);
            assertEquals(mine.getReason(), mirrored.getReason(), type);
            assertEquals(mine.getMessage(), mirrored.getMessage(), type);
            assertEquals(mine.getLastTransitionTime(), mirrored.getLastTransitionTime(), type + " keeps the machine's transition time");
            assertEquals(generation, mirrored.getObservedGeneration(), type + " carries the App's generation");
        }
        assertEquals(ConditionReasons.Running.STOPPED, condition(settled.getStatus().getConditions(), ConditionTypes.RUNNING).getReason());
    }

    /**
     * Issue 14 item 13: the machine is created eagerly, as upstream does: with {@code running=false} from the start,
     * the process driver's machine (its engine directory and config) exists and {@code Created} is True/Created,
     * while {@code Running} is False/Stopped and no engine runs.
     */
    @Test
    void aStoppedAppsMachineIsCreatedWithoutStartingTheEngine() throws Exception {
        java.nio.file.Path engineDir = new io.rancherdesktop.rdd.vm.EngineLayout(controllers.paths()).engineDir();
        if (java.nio.file.Files.exists(engineDir)) { // as on a fresh instance (no App runs now)
            try (var all = java.nio.file.Files.walk(engineDir)) {
                for (java.nio.file.Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        App app = createApp("rdd-it-eager", false, "process");
        App settled = awaitSettled(app.getMetadata().getGeneration());
        Condition created = condition(settled.getStatus().getConditions(), ConditionTypes.CREATED);
        assertEquals(Conditions.TRUE, created.getStatus(), created::toString);
        assertEquals(ConditionReasons.Created.CREATED, created.getReason());
        assertEquals(ConditionReasons.Running.STOPPED, condition(settled.getStatus().getConditions(), ConditionTypes.RUNNING).getReason());
        assertTrue(java.nio.file.Files.isRegularFile(engineDir.resolve("daemon.json")), "the machine's engine dir and config exist");
        assertEquals(0, enginesServing("dockerd", dockerSocket()), "creating the machine starts no engine");
    }

    @Test
    void runningSettlesOnlyOnceTheEngineAnswersAndStopSettlesOnlyOnceItIsGone_I4() throws Exception {
        App app = createApp("rdd-it-run", true, "process");
        awaitSettled(app.getMetadata().getGeneration());
        try (var docker = DockerdProcess.clientFor("unix://" + dockerSocket())) {
            docker.pingCmd().exec(); // Started means the engine API answers
        }
        VirtualMachine vm = machine("rdd-it-run").get();
        assertEquals("unix://" + dockerSocket(), vm.getStatus().getDockerEndpoint());
        assertEquals(io.rancherdesktop.rdd.api.VmDriverKind.PROCESS, vm.getStatus().getDriver());
        assertEquals(1, vm.getStatus().getRestartCount());
        assertEquals(1, enginesServing("dockerd", dockerSocket()));

        App stopped = patchApp("{\"spec\":{\"running\":false}}");
        App settled = awaitSettled(stopped.getMetadata().getGeneration());
        // I4: Settled for a stop means the machine reports Stopped, which the driver only says once dockerd is gone.
        assertEquals(ConditionReasons.Running.STOPPED, condition(settled.getStatus().getConditions(), ConditionTypes.RUNNING).getReason());
        assertEquals(0, enginesServing("dockerd", dockerSocket()), "no dockerd may outlive a settled stop");
    }

    @Test
    void switchingTheEngineRestartsIntoContainerdAndSettlesWithoutAnEngineController_I1() {
        App app = createApp("rdd-it-switch", true, "process");
        App running = awaitSettled(app.getMetadata().getGeneration());
        String startedAt = condition(running.getStatus().getConditions(), ConditionTypes.RUNNING).getLastTransitionTime();

        App switched = patchApp("{\"spec\":{\"containerEngine\":{\"name\":\"containerd\"}}}");
        App settled = awaitSettled(switched.getMetadata().getGeneration());
        Condition runningCondition = condition(settled.getStatus().getConditions(), ConditionTypes.RUNNING);
        assertEquals(Conditions.TRUE, runningCondition.getStatus());
        assertTrue(runningCondition.getMessage().startsWith("containerd is running"), runningCondition.getMessage());
        assertEquals(0, enginesServing("dockerd", dockerSocket()), "dockerd was stopped before containerd started");
        VirtualMachine vm = machine("rdd-it-switch").get();
        assertEquals(2, vm.getStatus().getRestartCount(), "the switch went through a stop and a new start");
        assertNotNull(startedAt);

        awaitSettled(patchApp("{\"spec\":{\"running\":false}}").getMetadata().getGeneration());
    }

    @Test
    void aStopIsCopiedToTheMachineBeforeAnEngineChange() {
        App app = createApp("rdd-it-order", true, "process");
        awaitSettled(app.getMetadata().getGeneration());
        List<VirtualMachine> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = machine("rdd-it-order").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, VirtualMachine vm) {
                seen.add(vm);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            App changed = patchApp("{\"spec\":{\"running\":false,\"containerEngine\":{\"name\":\"containerd\"}}}");
            awaitSettled(changed.getMetadata().getGeneration());
        }
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().noneMatch(vm -> Boolean.TRUE.equals(vm.getSpec().getRunning())
                        && vm.getSpec().getContainerEngine().getName() == ContainerEngine.CONTAINERD),
                "the machine never asked to run containerd");
        assertEquals(0, enginesServing("containerd", controllers.paths().shortDir().resolve("containerd.sock").toString()));
    }

    @Test
    void deletingTheAppStopsTheEngineDeletesTheMachineAndTheNamespaceItCreated() {
        App app = createApp("rdd-it-delete", true, "process");
        awaitSettled(app.getMetadata().getGeneration());
        assertEquals(1, enginesServing("dockerd", dockerSocket()));

        app().delete();
        app().waitUntilCondition(a -> a == null, 90, TimeUnit.SECONDS);

        assertNull(machine("rdd-it-delete").get(), "the machine is gone before the App");
        assertEquals(0, enginesServing("dockerd", dockerSocket()));
        Namespace ns = client.namespaces().withName("rdd-it-delete").get();
        assertTrue(ns == null || ns.getMetadata().getDeletionTimestamp() != null, "the namespace the App created goes with it");
    }

    @Test
    void deletingTheAppKeepsANamespaceItDidNotCreate() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("rdd-it-preexisting").endMetadata().build()).create();
        createApp("rdd-it-preexisting", false, null);
        awaitSettled(1);
        app().delete();
        app().waitUntilCondition(a -> a == null, 90, TimeUnit.SECONDS);
        Namespace ns = client.namespaces().withName("rdd-it-preexisting").get();
        assertNotNull(ns);
        assertNull(ns.getMetadata().getDeletionTimestamp());
    }

    @Test
    void deletingTheMachineDirectlyIsForbiddenWhileTheAppOwnsIt() {
        createApp("rdd-it-guard", false, null);
        machine("rdd-it-guard").waitUntilCondition(v -> v != null, 30, TimeUnit.SECONDS);
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> machine("rdd-it-guard").delete());
        assertEquals(403, e.getCode());
        assertTrue(e.getMessage().contains("owned by App"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the App resource instead"), e.getMessage());
        assertNull(machine("rdd-it-guard").get().getMetadata().getDeletionTimestamp());
    }

    @Test
    void aRecreatedAppGetsAFreshMachine() {
        createApp("rdd-it-recreate", false, null);
        String first = machine("rdd-it-recreate").waitUntilCondition(v -> v != null, 30, TimeUnit.SECONDS).getMetadata().getUid();
        app().delete();
        app().waitUntilCondition(a -> a == null, 90, TimeUnit.SECONDS);

        createApp("rdd-it-recreate", false, null);
        awaitSettled(1);
        String second = Optional.ofNullable(machine("rdd-it-recreate").get()).orElseThrow().getMetadata().getUid();
        assertNotEquals(first, second);
    }
}
