package io.rancherdesktop.rdd.controller.vm;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.vm.v1alpha1.EngineSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the instance's Docker CLI context should exist (docs/engine-mirroring.md "Docker CLI context"). */
class DockerContextReconcilerTest {
    private static final String SOCKET = "unix:///run/rdd/docker.sock";

    private static VirtualMachine machine(VmDriverKind driver, ContainerEngine engine, String running, String endpoint) {
        VirtualMachine vm = new VirtualMachine();
        vm.setMetadata(new ObjectMetaBuilder().withName("rd").withNamespace("default").withGeneration(1L).build());
        VirtualMachineSpec spec = new VirtualMachineSpec();
        spec.setContainerEngine(new EngineSpec(engine));
        vm.setSpec(spec);
        VirtualMachineStatus status = new VirtualMachineStatus();
        status.setDriver(driver);
        status.setDockerEndpoint(endpoint);
        status.setConditions(List.of(Conditions.condition(ConditionTypes.RUNNING, running, "Started", "", 1)));
        vm.setStatus(status);
        return vm;
    }

    @Test
    void aRunningMobyEngineOfTheProcessOrLimaDriverGetsAContext() {
        assertEquals(Optional.of(SOCKET), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.PROCESS, ContainerEngine.MOBY, Conditions.TRUE, SOCKET)));
        assertEquals(Optional.of(SOCKET), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.LIMA, ContainerEngine.MOBY, Conditions.TRUE, SOCKET)));
    }

    @Test
    void anExternalEngineAStoppedMachineContainerdOrADeletionGetNone() {
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.EXTERNAL, ContainerEngine.MOBY, Conditions.TRUE, SOCKET)));
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.PROCESS, ContainerEngine.MOBY, Conditions.FALSE, SOCKET)));
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.PROCESS, ContainerEngine.MOBY, Conditions.UNKNOWN, SOCKET)));
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.PROCESS, ContainerEngine.CONTAINERD, Conditions.TRUE, SOCKET)));
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(machine(VmDriverKind.PROCESS, ContainerEngine.MOBY, Conditions.TRUE, null)));
        VirtualMachine deleting = machine(VmDriverKind.PROCESS, ContainerEngine.MOBY, Conditions.TRUE, SOCKET);
        deleting.getMetadata().setDeletionTimestamp("2026-12-05T20:00:00Z");
        assertEquals(Optional.empty(), DockerContextReconciler.desiredEndpoint(deleting));
    }
}
