package io.rancherdesktop.rdd.controller.vm;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.controller.ControllerFixture;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.vm.EngineLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VirtualMachine controller with the process driver and a real dockerd, for what happens behind its back: the
 * engine crashing (restarted without flipping Running), a crash loop (given up with the engine's own log lines),
 * and the service restarting while the engine runs (adopted: no second engine, no lost state).
 */
class VirtualMachineControllerIT {

    private static final String NS = "rdd-vm-it";

    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(DefaultAdmissionPlugins.create()).build();

    private KubernetesClient client;
    private ControllerFixture controllers;

    @BeforeEach
    void startControllers() {
        client = API.running().client();
        controllers = ControllerFixture.start(API.running(), "app", Map.of());
    }

    @AfterEach
    void deleteTheAppAndStopTheControllers() throws Exception {
        try {
            Files.writeString(new EngineLayout(controllers.paths()).dockerConfigFile(), "{}\n");
            Resource<App> app = app();
            if (app.get() != null) {
                app.delete();
                app.waitUntilCondition(a -> a == null, 90, TimeUnit.SECONDS);
            }
        } finally {
            controllers.close();
        }
    }

    private Resource<App> app() {
        return client.resources(App.class).withName(App.NAME);
    }

    private Resource<VirtualMachine> machine() {
        return client.resources(VirtualMachine.class).inNamespace(NS).withName(VirtualMachine.APP_VM_NAME);
    }

    private VirtualMachine startEngine() {
        App app = new App();
        app.getMetadata().setName(App.NAME);
        app.setSpec(new AppSpec());
        app.getSpec().setRunning(true);
        app.getSpec().setNamespace(NS);
        app.getSpec().setVm(new VmSpec(VmDriverKind.PROCESS, null));
        client.resource(app).create();
        return machine().waitUntilCondition(vm -> vm != null && vm.getStatus() != null
                && Conditions.isTrue(vm.getStatus().getConditions(), ConditionTypes.RUNNING)
                && vm.getStatus().getObservedGeneration() != null, 120, TimeUnit.SECONDS);
    }

    private List<ProcessHandle> dockerds() {
        String socket = controllers.paths().dockerSocket();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(ph -> ph.info().command().map(c -> c.endsWith("/dockerd")).orElse(false))
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(socket)).orElse(false))
                .toList();
    }

    private ProcessHandle theDockerd() {
        List<ProcessHandle> all = dockerds();
        assertEquals(1, all.size(), () -> "exactly one dockerd for the instance: " + all);
        return all.getFirst();
    }

    /** Every Running condition the machine goes through while it is watched. */
    private Watch recordRunning(List<Condition> seen) {
        return machine().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, VirtualMachine vm) {
                if (vm.getStatus() != null) {
                    Conditions.find(vm.getStatus().getConditions(), ConditionTypes.RUNNING).ifPresent(seen::add);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private void assertDockerAnswers() throws Exception {
        try (var docker = DockerdProcess.clientFor(controllers.paths().dockerEndpoint())) {
            docker.pingCmd().exec();
        }
    }

    @Test
    void aKilledEngineIsRestartedWithoutFlippingRunning() throws Exception {
        VirtualMachine started = startEngine();
        int restarts = started.getStatus().getRestartCount();
        ProcessHandle first = theDockerd();
        List<Condition> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = recordRunning(seen)) {
            first.destroyForcibly();
            VirtualMachine restarted = machine().waitUntilCondition(vm -> vm.getStatus().getRestartCount() > restarts
                    && vm.getStatus().getMessage().contains("restarted after an unexpected exit"), 60, TimeUnit.SECONDS);
            assertTrue(Conditions.isTrue(restarted.getStatus().getConditions(), ConditionTypes.RUNNING));
        }
        assertTrue(seen.stream().allMatch(c -> Conditions.TRUE.equals(c.getStatus())),
                () -> "Running stayed True through the crash: " + seen);
        assertTrue(seen.stream().anyMatch(c -> c.getMessage().contains("restarting")),
                () -> "the restart was reported: " + seen);
        ProcessHandle second = theDockerd();
        assertTrue(second.pid() != first.pid());
        assertDockerAnswers();
    }

    @Test
    void aStopRightAfterACrashLeavesNothingBehindAndTheNextStartWorks_gap5() throws Exception {
        startEngine();
        ProcessHandle dockerd = theDockerd();
        List<ProcessHandle> helpers = dockerd.descendants().toList();
        assertTrue(helpers.stream().anyMatch(h -> h.info().command().map(c -> c.endsWith("/containerd")).orElse(false)),
                () -> "dockerd runs its own containerd: " + helpers);
        dockerd.destroyForcibly();
        app().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"running\":false}}");
        machine().waitUntilCondition(vm -> Conditions.find(vm.getStatus().getConditions(), ConditionTypes.RUNNING)
                .filter(c -> ConditionReasons.Running.STOPPED.equals(c.getReason())).isPresent()
                && vm.getStatus().getObservedGeneration() == vm.getMetadata().getGeneration(), 60, TimeUnit.SECONDS);
        assertTrue(helpers.stream().noneMatch(ProcessHandle::isAlive), () -> "Stopped means the whole engine is gone: " + helpers);
        assertEquals(List.of(), dockerds());

        app().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"running\":true}}");
        VirtualMachine restarted = machine().waitUntilCondition(vm -> vm.getStatus().getObservedGeneration() == vm.getMetadata().getGeneration()
                && Conditions.find(vm.getStatus().getConditions(), ConditionTypes.RUNNING)
                .filter(c -> !ConditionReasons.Running.STOPPED.equals(c.getReason())).isPresent(), 60, TimeUnit.SECONDS);
        assertTrue(Conditions.isTrue(restarted.getStatus().getConditions(), ConditionTypes.RUNNING), () -> "the next start works: "
                + restarted.getStatus().getConditions());
        assertDockerAnswers();
    }

    @Test
    void aCrashLoopGivesUpWithStartFailedAndTheEnginesLastLogLines() throws Exception {
        startEngine();
        // dockerd now fails at once on every restart: its config file (the user's to edit) is broken.
        Files.writeString(new EngineLayout(controllers.paths()).dockerConfigFile(), "{ this is not json\n");
        theDockerd().destroyForcibly();

        VirtualMachine failed = machine().waitUntilCondition(vm -> Conditions.find(vm.getStatus().getConditions(), ConditionTypes.RUNNING)
                .filter(c -> ConditionReasons.Running.START_FAILED.equals(c.getReason())).isPresent(), 120, TimeUnit.SECONDS);
        Condition running = Conditions.find(failed.getStatus().getConditions(), ConditionTypes.RUNNING).orElseThrow();
        assertEquals(Conditions.FALSE, running.getStatus());
        assertTrue(running.getMessage().contains("gave up restarting"), running.getMessage());
        assertTrue(running.getMessage().contains("daemon.json"), () -> "the engine's own error is quoted: " + running.getMessage());
        assertEquals(List.of(), dockerds(), "nothing keeps running after giving up");

        App app = app().waitUntilCondition(a -> Conditions.find(a.getStatus().getConditions(), ConditionTypes.SETTLED)
                .filter(c -> ConditionReasons.Running.START_FAILED.equals(c.getReason())).isPresent(), 30, TimeUnit.SECONDS);
        Optional<Condition> settled = Conditions.find(app.getStatus().getConditions(), ConditionTypes.SETTLED);
        assertEquals(running.getMessage(), settled.orElseThrow().getMessage(), "the App forwards the machine's message");
    }

    @Test
    void aServiceRestartAdoptsTheRunningEngineWithoutASecondOneOrAFlip() throws Exception {
        VirtualMachine started = startEngine();
        ProcessHandle engine = theDockerd();
        String transition = Conditions.find(started.getStatus().getConditions(), ConditionTypes.RUNNING).orElseThrow().getLastTransitionTime();

        controllers.detach(); // the service goes down; its engine stays up
        assertTrue(engine.isAlive());
        List<Condition> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = recordRunning(seen)) {
            controllers = ControllerFixture.start(API.running(), "app", Map.of());
            machine().waitUntilCondition(vm -> Conditions.find(vm.getStatus().getConditions(), ConditionTypes.RUNNING)
                    .filter(c -> c.getMessage().contains("adopted")).isPresent(), 60, TimeUnit.SECONDS);
        }
        assertEquals(engine.pid(), theDockerd().pid(), "the same dockerd serves on");
        assertTrue(seen.stream().allMatch(c -> Conditions.TRUE.equals(c.getStatus())
                && transition.equals(c.getLastTransitionTime())), () -> "Running never flipped: " + seen);
        assertDockerAnswers();
    }
}
