package io.rancherdesktop.rdd.controller.app;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus;
import io.rancherdesktop.rdd.controller.ControllerManager;
import io.rancherdesktop.rdd.controller.StatusWriter;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The App controller's {@code Settled} with an engine controller in the service ({@code E}), end to end through the
 * API: the test plays the VirtualMachine controller and the engine controller by writing their status, and watches
 * the App controller's verdict. Covers the I1 (containerd never hangs) and I4 (a stop is not settled while the machine
 * still runs, even if the engine already disconnected) guarantees across generations.
 */
class SettledWithEngineControllerIT {

    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(DefaultAdmissionPlugins.create()).build();

    private static KubernetesClient client;
    private static Operator operator;

    @BeforeAll
    static void startTheAppControllerAlone() {
        client = API.running().client();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .checkingCRDAndValidateLocalModel(false).withUseSSAToPatchPrimaryResource(true));
        operator.register(new AppReconciler(client, () -> true, Clock.systemUTC()),
                (ControllerConfigurationOverrider<App> o) -> ControllerManager.configure(o, AppReconciler.NAME, Finalizers.CLEANUP));
        operator.start();
    }

    @AfterAll
    static void stop() {
        operator.stop();
    }

    private static Resource<App> app() {
        return client.resources(App.class).withName(App.NAME);
    }

    private static Resource<VirtualMachine> machine() {
        return client.resources(VirtualMachine.class).inNamespace("rdd-settled").withName(VirtualMachine.APP_VM_NAME);
    }

    private static App awaitSettled(long generation, String status, String reason) {
        return app().waitUntilCondition(a -> a != null && a.getStatus() != null
                && Conditions.find(a.getStatus().getConditions(), ConditionTypes.SETTLED)
                .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()) && Conditions.isCurrent(c, generation))
                .isPresent(), 30, TimeUnit.SECONDS);
    }

    /**
     * Plays the VirtualMachine controller: once the App controller has copied the App's spec to the machine, the
     * machine reports {@code Running} for that generation.
     */
    private static void machineReports(String status, String reason, boolean applied) {
        App current = app().get();
        boolean running = Boolean.TRUE.equals(current.getSpec().getRunning());
        var engine = current.getSpec().getContainerEngine().getName();
        VirtualMachine vm = machine().waitUntilCondition(v -> v != null && v.getSpec().getRunning() == running
                && v.getSpec().getContainerEngine().getName() == engine, 30, TimeUnit.SECONDS);
        long generation = vm.getMetadata().getGeneration();
        StatusWriter.update(client, machine(), generation, fresh -> {
            VirtualMachineStatus st = fresh.getStatus() == null ? new VirtualMachineStatus() : fresh.getStatus();
            fresh.setStatus(st);
            boolean changed = Conditions.setIn(st, Conditions.condition(ConditionTypes.RUNNING, status, reason, "machine says " + reason, generation), Instant.now());
            if (applied) {
                st.setObservedGeneration(generation);
                changed = true;
            }
            return changed;
        });
    }

    /** Plays the engine controller: {@code ContainerEngineReady} for App generation {@code generation}. */
    private static void engineReports(String status, String reason, long generation) {
        StatusWriter.update(client, app(), app().get().getMetadata().getGeneration(), fresh -> {
            AppStatus st = fresh.getStatus() == null ? new AppStatus() : fresh.getStatus();
            fresh.setStatus(st);
            return Conditions.setIn(st, Conditions.condition(ConditionTypes.CONTAINER_ENGINE_READY, status, reason,
                    "engine says " + reason, generation), Instant.now());
        });
    }

    private static long patch(String mergePatch) {
        return app().patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch).getMetadata().getGeneration();
    }

    @Test
    void settledFollowsTheMachineAndTheEngineControllerGenerationByGeneration() {
        App app = new App();
        app.getMetadata().setName(App.NAME);
        app.setSpec(new AppSpec());
        app.getSpec().setRunning(true);
        app.getSpec().setNamespace("rdd-settled");
        long gen = client.resource(app).create().getMetadata().getGeneration();

        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.APPLYING_TEMPLATE);
        machineReports(Conditions.TRUE, ConditionReasons.Running.STARTED, true);
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.WAITING_FOR_ENGINE);
        engineReports(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED, gen - 1);
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.ENGINE_STALE);
        engineReports(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED, gen);
        awaitSettled(gen, Conditions.TRUE, ConditionReasons.Settled.SETTLED);

        // I1: containerd. The machine must restart into it, then the engine controller says NotApplicable.
        gen = patch("{\"spec\":{\"containerEngine\":{\"name\":\"containerd\"}}}");
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.APPLYING_TEMPLATE);
        machineReports(Conditions.TRUE, ConditionReasons.Running.STARTED, true);
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.ENGINE_STALE);
        engineReports(Conditions.TRUE, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE, gen);
        App settled = awaitSettled(gen, Conditions.TRUE, ConditionReasons.Settled.SETTLED);
        Condition settledCondition = Conditions.find(settled.getStatus().getConditions(), ConditionTypes.SETTLED).orElseThrow();
        assertEquals(gen, settledCondition.getObservedGeneration());

        // I4: a stop. The engine disconnects first; that alone must not settle the stop.
        gen = patch("{\"spec\":{\"running\":false}}");
        engineReports(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED, gen);
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Settled.APPLYING_TEMPLATE);
        machineReports(Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING, true);
        awaitSettled(gen, Conditions.FALSE, ConditionReasons.Running.RECONCILING);
        machineReports(Conditions.FALSE, ConditionReasons.Running.STOPPED, true);
        awaitSettled(gen, Conditions.TRUE, ConditionReasons.Settled.SETTLED);

        // A start that fails is forwarded with the machine's message.
        gen = patch("{\"spec\":{\"running\":true}}");
        machineReports(Conditions.FALSE, ConditionReasons.Running.START_FAILED, true);
        App failed = awaitSettled(gen, Conditions.FALSE, ConditionReasons.Running.START_FAILED);
        assertEquals("machine says StartFailed",
                Conditions.find(failed.getStatus().getConditions(), ConditionTypes.SETTLED).orElseThrow().getMessage());
    }
}
