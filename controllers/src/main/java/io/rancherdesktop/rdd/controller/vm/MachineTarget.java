package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineSpec;
import io.rancherdesktop.rdd.vm.DriverKind;
import io.rancherdesktop.rdd.vm.EngineKind;

import java.util.Optional;

/**
 * What a VirtualMachine's spec asks of its driver. Two specs with the same target need no driver call, whatever
 * their generations.
 *
 * @param running whether the engine should run
 * @param driver  the requested driver ({@code auto} is resolved when a driver is created)
 * @param engine  the container engine
 * @param socket  the socket of the {@code external} driver, if set
 */
public record MachineTarget(boolean running, DriverKind driver, EngineKind engine, Optional<String> socket) {

    public MachineTarget {
        socket = socket == null ? Optional.empty() : socket.filter(s -> !s.isBlank());
    }

    /** The target of a spec; absent fields take the CRD defaults (stopped, auto, moby). */
    public static MachineTarget of(VirtualMachineSpec spec) {
        if (spec == null) {
            return new MachineTarget(false, DriverKind.AUTO, EngineKind.MOBY, Optional.empty());
        }
        return new MachineTarget(Boolean.TRUE.equals(spec.getRunning()), driverKind(spec.getDriver()),
                engineKind(spec.getContainerEngine() == null ? null : spec.getContainerEngine().getName()),
                Optional.ofNullable(spec.getSocket()));
    }

    static DriverKind driverKind(VmDriverKind driver) {
        return switch (driver) {
            case null -> DriverKind.AUTO;
            case AUTO -> DriverKind.AUTO;
            case PROCESS -> DriverKind.PROCESS;
            case EXTERNAL -> DriverKind.EXTERNAL;
            case LIMA -> DriverKind.LIMA;
        };
    }

    static VmDriverKind apiDriver(DriverKind kind) {
        return switch (kind) {
            case AUTO -> VmDriverKind.AUTO;
            case PROCESS -> VmDriverKind.PROCESS;
            case EXTERNAL -> VmDriverKind.EXTERNAL;
            case LIMA -> VmDriverKind.LIMA;
        };
    }

    static EngineKind engineKind(ContainerEngine engine) {
        return switch (engine) {
            case null -> EngineKind.MOBY;
            case MOBY -> EngineKind.MOBY;
            case CONTAINERD -> EngineKind.CONTAINERD;
        };
    }

    /** The same target with the engine stopped. */
    public MachineTarget stopped() {
        return new MachineTarget(false, driver, engine, socket);
    }

    /** Whether a driver created for {@code other} can serve this target (same requested driver). */
    boolean sameDriver(MachineTarget other) {
        return driver == other.driver;
    }
}
