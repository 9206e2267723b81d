package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;

import java.util.List;
import java.util.Optional;

/**
 * Everything the status bar and the tray show, computed from the App (and, for the resolved driver, the
 * VirtualMachine). Pure: the same objects give the same status.
 *
 * @param driverInUse what {@code auto} resolved to ({@code VirtualMachine.status.driver}), or null
 * @param machineDetail the message of the {@code Running} condition (e.g. why the start failed), or empty
 * @param engineDetail the message of {@code ContainerEngineReady}, or empty
 */
public record MachineStatus(
        boolean configured,
        boolean wantRunning,
        ContainerEngine engine,
        VmDriverKind driver,
        VmDriverKind driverInUse,
        String namespace,
        long generation,
        MachineState machine,
        String machineDetail,
        EngineState engineState,
        String engineDetail,
        SettledState settled) {

    /** Before any App exists. */
    public static final MachineStatus NOT_CONFIGURED = new MachineStatus(false, false, ContainerEngine.MOBY,
            VmDriverKind.AUTO, null, AppSpec.DEFAULT_NAMESPACE, 0, MachineState.NOT_CONFIGURED, "",
            EngineState.STOPPED, "", SettledState.ABSENT);

    public static MachineStatus of(App app, VirtualMachine vm) {
        if (app == null) {
            return NOT_CONFIGURED;
        }
        AppSpec spec = app.getSpec() == null ? new AppSpec() : app.getSpec();
        boolean want = Boolean.TRUE.equals(spec.getRunning());
        ContainerEngine engine = spec.getContainerEngine() != null && spec.getContainerEngine().getName() != null
                ? spec.getContainerEngine().getName() : ContainerEngine.MOBY;
        VmDriverKind driver = spec.getVm() != null && spec.getVm().getDriver() != null
                ? spec.getVm().getDriver() : VmDriverKind.AUTO;
        String namespace = spec.getNamespace() == null || spec.getNamespace().isEmpty()
                ? AppSpec.DEFAULT_NAMESPACE : spec.getNamespace();
        long generation = app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
        List<Condition> conditions = app.getStatus() == null ? null : app.getStatus().getConditions();

        Optional<Condition> running = Conditions.find(conditions, ConditionTypes.RUNNING);
        MachineState machine = machineState(want, running);
        Optional<Condition> cer = Conditions.find(conditions, ConditionTypes.CONTAINER_ENGINE_READY);
        EngineState engineState = engineState(machine, cer);
        SettledState settled = Conditions.find(conditions, ConditionTypes.SETTLED)
                .map(c -> {
                    long observed = c.getObservedGeneration() == null ? 0 : c.getObservedGeneration();
                    return new SettledState(c.getStatus(), nz(c.getReason()), nz(c.getMessage()), observed,
                            observed >= generation);
                })
                .orElse(SettledState.ABSENT);
        VmDriverKind inUse = vm != null && vm.getStatus() != null ? vm.getStatus().getDriver() : null;
        return new MachineStatus(true, want, engine, driver, inUse, namespace, generation, machine,
                running.map(c -> nz(c.getMessage())).orElse(""), engineState,
                cer.map(c -> nz(c.getMessage())).orElse(""), settled);
    }

    private static MachineState machineState(boolean want, Optional<Condition> running) {
        if (running.isEmpty()) {
            return want ? MachineState.STARTING : MachineState.STOPPED;
        }
        Condition c = running.get();
        String reason = nz(c.getReason());
        if (Conditions.TRUE.equals(c.getStatus())) {
            return want ? MachineState.RUNNING : MachineState.STOPPING;
        }
        return switch (reason) {
            case ConditionReasons.Running.START_FAILED, ConditionReasons.Running.STOP_FAILED -> MachineState.ERROR;
            case ConditionReasons.Running.STOPPED -> want ? MachineState.STARTING : MachineState.STOPPED;
            default -> want ? MachineState.STARTING : MachineState.STOPPING;
        };
    }

    private static EngineState engineState(MachineState machine, Optional<Condition> cer) {
        if (cer.isEmpty()) {
            return machine == MachineState.RUNNING ? EngineState.CONNECTING : EngineState.STOPPED;
        }
        Condition c = cer.get();
        String reason = nz(c.getReason());
        if (Conditions.TRUE.equals(c.getStatus())) {
            return ConditionReasons.ContainerEngineReady.NOT_APPLICABLE.equals(reason)
                    ? EngineState.NOT_MIRRORED : EngineState.CONNECTED;
        }
        if (ConditionReasons.ContainerEngineReady.CONNECT_FAILED.equals(reason)) {
            return EngineState.ERROR;
        }
        return machine == MachineState.RUNNING ? EngineState.CONNECTING : EngineState.STOPPED;
    }

    /** The tray icon for this status. */
    public TrayState trayState() {
        if (machine == MachineState.ERROR || engineState == EngineState.ERROR) {
            return TrayState.ERROR;
        }
        return switch (machine) {
            case NOT_CONFIGURED, STOPPED -> TrayState.STOPPED;
            case RUNNING -> engineState == EngineState.CONNECTED || engineState == EngineState.NOT_MIRRORED
                    ? TrayState.RUNNING : TrayState.STARTING;
            case STARTING, STOPPING, ERROR -> TrayState.STARTING;
        };
    }

    /** Whether the machine toggle should offer to stop (else it offers to start). */
    public boolean offersStop() {
        return wantRunning;
    }

    /** One line for the tray menu and tooltips, e.g. "Engine: Connected (moby)". */
    public String engineLine() {
        return "Engine: " + engineState.label() + " (" + engine.value() + ")";
    }

    /** One line for the tray tooltip and the status bar, e.g. "Machine: Running (process)". */
    public String machineLine() {
        // What auto resolved to; a chosen driver is named as chosen (the VirtualMachine's status may still name the
        // driver it ran with before an Apply).
        VmDriverKind shown = driver == VmDriverKind.AUTO && driverInUse != null ? driverInUse : driver;
        return "Machine: " + machine.label() + " (" + shown.value() + ")";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
