package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import org.junit.jupiter.api.Test;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineStatusTest {

    @Test
    void withoutAnAppNothingIsConfiguredAndTheTrayShowsStopped() {
        MachineStatus s = MachineStatus.of(null, null);
        assertEquals(MachineState.NOT_CONFIGURED, s.machine());
        assertEquals(TrayState.STOPPED, s.trayState());
        assertFalse(s.offersStop());
    }

    @Test
    void aRunningMachineWithAConnectedEngineIsRunning() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 3,
                "Running", "True", "Started", 3, "ContainerEngineReady", "True", "Connected", 3, "Settled", "True", "Settled", 3);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(MachineState.RUNNING, s.machine());
        assertEquals(EngineState.CONNECTED, s.engineState());
        assertEquals(TrayState.RUNNING, s.trayState());
        assertTrue(s.settled().isSettledAt(3));
        assertTrue(s.offersStop());
        assertEquals("Machine: Running (process)", s.machineLine());
        assertEquals("Engine: Connected (moby)", s.engineLine());
    }

    @Test
    void aRunningMachineWhoseEngineIsNotConnectedYetIsStarting() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 3, "Running", "True", "Started", 3);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(EngineState.CONNECTING, s.engineState());
        assertEquals(TrayState.STARTING, s.trayState());
    }

    @Test
    void containerdRunsWithoutMirroringAndCountsAsRunning() {
        App a = app(true, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 3,
                "Running", "True", "Started", 3, "ContainerEngineReady", "True", "NotApplicable", 3);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(EngineState.NOT_MIRRORED, s.engineState());
        assertEquals(TrayState.RUNNING, s.trayState());
    }

    @Test
    void aFailedStartIsAnErrorWithItsMessage() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 2, "Running", "False", "StartFailed", 2);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(MachineState.ERROR, s.machine());
        assertEquals(TrayState.ERROR, s.trayState());
        assertEquals("detail of StartFailed", s.machineDetail());
    }

    @Test
    void aFailedEngineConnectionIsAnError() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.EXTERNAL, 2,
                "Running", "True", "Started", 2, "ContainerEngineReady", "False", "ConnectFailed", 2);
        assertEquals(TrayState.ERROR, MachineStatus.of(a, null).trayState());
    }

    @Test
    void stoppingIsShownWhileTheMachineStillRunsAfterRunningWasSetFalse() {
        App a = app(false, ContainerEngine.MOBY, VmDriverKind.PROCESS, 4, "Running", "True", "Started", 3);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(MachineState.STOPPING, s.machine());
        assertEquals(TrayState.STARTING, s.trayState());
        assertFalse(s.offersStop());
    }

    @Test
    void aSettledConditionOfAnOlderGenerationIsStale() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 5, "Settled", "True", "Settled", 4);
        MachineStatus s = MachineStatus.of(a, null);
        assertFalse(s.settled().current());
        assertFalse(s.settled().isSettledAt(5));
    }

    @Test
    void aStoppedMachineIsStopped() {
        App a = app(false, ContainerEngine.MOBY, VmDriverKind.AUTO, 1,
                "Running", "False", "Stopped", 1, "ContainerEngineReady", "False", "Stopped", 1);
        MachineStatus s = MachineStatus.of(a, null);
        assertEquals(MachineState.STOPPED, s.machine());
        assertEquals(EngineState.STOPPED, s.engineState());
        assertEquals(TrayState.STOPPED, s.trayState());
    }
}
