package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.controller.vm.MachineStatusView.ConditionValue;
import io.rancherdesktop.rdd.controller.vm.MachineStatusView.View;
import io.rancherdesktop.rdd.vm.DriverKind;
import io.rancherdesktop.rdd.vm.EngineEndpoint;
import io.rancherdesktop.rdd.vm.EngineKind;
import io.rancherdesktop.rdd.vm.VmPhase;
import io.rancherdesktop.rdd.vm.VmReason;
import io.rancherdesktop.rdd.vm.VmStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VirtualMachine's Created/Running conditions and the decision to call the driver, transition by transition. */
class MachineStatusViewTest {

    private static final MachineTarget RUN_MOBY = new MachineTarget(true, DriverKind.PROCESS, EngineKind.MOBY, Optional.empty());
    private static final MachineTarget RUN_CONTAINERD = new MachineTarget(true, DriverKind.PROCESS, EngineKind.CONTAINERD, Optional.empty());
    private static final MachineTarget STOP = RUN_MOBY.stopped();

    private static VmStatus status(VmPhase phase, VmReason reason, String message) {
        return new VmStatus(phase, reason, message, 0, phase == VmPhase.RUNNING
                ? Optional.of(new EngineEndpoint(EngineKind.MOBY, "unix:///tmp/x.sock")) : Optional.empty());
    }

    private static final VmStatus STARTED = status(VmPhase.RUNNING, VmReason.STARTED, "dockerd is running (pid 1)");
    private static final VmStatus STOPPED = VmStatus.stopped("dockerd stopped", 0);

    private static MachineObservation idle(MachineTarget target, MachineOutcome outcome, VmStatus driver) {
        return new MachineObservation(target, Optional.empty(), false, false, Optional.ofNullable(outcome),
                Optional.ofNullable(driver), true);
    }

    private static MachineObservation busy(MachineTarget target, MachineTarget op, boolean begun, VmStatus driver) {
        return new MachineObservation(target, Optional.of(op), begun, false, Optional.empty(), Optional.ofNullable(driver), true);
    }

    private static void assertRunning(View v, String status, String reason) {
        ConditionValue r = v.running().orElseThrow(() -> new AssertionError("expected a Running condition"));
        assertEquals(status, r.status(), () -> "status of " + r);
        assertEquals(reason, r.reason(), () -> "reason of " + r);
    }

    @Test
    void aNewMachineIsReconcilingAndNeedsTheDriver() {
        MachineObservation o = new MachineObservation(RUN_MOBY, Optional.empty(), false, false, Optional.empty(), Optional.empty(), false);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING);
        assertEquals(ConditionReasons.Created.PENDING, v.created().reason());
        assertFalse(v.applied());
        assertTrue(MachineStatusView.needsOperation(o));
    }

    @Test
    void aQueuedStartIsStillReconciling() {
        assertRunning(MachineStatusView.view(busy(RUN_MOBY, RUN_MOBY, false, null)), Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING);
    }

    @Test
    void aStartingEngineIsStartingWithTheDriversMessage() {
        View v = MachineStatusView.view(busy(RUN_MOBY, RUN_MOBY, true, status(VmPhase.STARTING, VmReason.STARTING, "starting dockerd")));
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.STARTING);
        assertEquals("starting dockerd", v.running().orElseThrow().message());
        assertFalse(v.applied(), "the spec is not applied while the operation runs");
    }

    @Test
    void anEngineIsNotStartedBeforeTheStartOperationReturns() {
        // The driver says RUNNING a moment before start() returns; Started waits for the operation's verdict.
        assertRunning(MachineStatusView.view(busy(RUN_MOBY, RUN_MOBY, true, STARTED)), Conditions.FALSE, ConditionReasons.Running.STARTING);
    }

    @Test
    void theOldEngineOfAnEngineSwitchDoesNotLookStarted() {
        View v = MachineStatusView.view(busy(RUN_CONTAINERD, RUN_CONTAINERD, true, status(VmPhase.STOPPING, VmReason.STOPPING, "stopping dockerd")));
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.STARTING);
        assertEquals("stopping dockerd", v.running().orElseThrow().message());
    }

    @Test
    void aQuietOperationKeepsTheRecordedCondition() {
        MachineObservation o = new MachineObservation(RUN_MOBY, Optional.of(RUN_MOBY), true, true, Optional.empty(),
                Optional.of(status(VmPhase.STARTING, VmReason.STARTING, "starting dockerd")), true);
        assertTrue(MachineStatusView.view(o).running().isEmpty(), "a service restart re-attaching to its engine must not flip Running");
    }

    @Test
    void aStartedEngineIsStartedAndApplied() {
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.succeeded(RUN_MOBY), STARTED);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.TRUE, ConditionReasons.Running.STARTED);
        assertEquals(ConditionReasons.Created.CREATED, v.created().reason());
        assertTrue(v.applied());
        assertFalse(MachineStatusView.needsOperation(o));
    }

    @Test
    void aCrashRestartByTheDriverKeepsRunningTrue() {
        VmStatus restarting = status(VmPhase.RUNNING, VmReason.RESTARTING, "dockerd exited unexpectedly; restarting in 250 ms");
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.succeeded(RUN_MOBY), restarting);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.TRUE, ConditionReasons.Running.RESTARTING);
        assertTrue(v.running().orElseThrow().message().contains("restarting"));
        assertFalse(MachineStatusView.needsOperation(o), "the driver restarts it itself");
    }

    @Test
    void aCrashLoopInBackOffKeepsRunningTrueWithReasonCrashLoopBackOffAndTheDelayInTheMessage() {
        VmStatus backOff = status(VmPhase.RUNNING, VmReason.CRASH_LOOP_BACK_OFF,
                "dockerd keeps exiting (killed by SIGKILL); back-off 1000 ms before restart attempt 3 of 5 (3 exits within 120 s)");
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.succeeded(RUN_MOBY), backOff);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.TRUE, ConditionReasons.Running.CRASH_LOOP_BACK_OFF);
        assertTrue(v.running().orElseThrow().message().contains("back-off 1000 ms"));
        assertFalse(MachineStatusView.needsOperation(o), "the driver restarts it itself");
    }

    @Test
    void aCrashLoopThatGaveUpIsStartFailedAndIsNotRestartedInALoop() {
        VmStatus gaveUp = status(VmPhase.FAILED, VmReason.START_FAILED, "dockerd keeps exiting; last lines: boom");
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.succeeded(RUN_MOBY), gaveUp);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.START_FAILED);
        assertTrue(v.running().orElseThrow().message().contains("last lines: boom"));
        assertFalse(MachineStatusView.needsOperation(o));
    }

    @Test
    void aFailedStartIsStartFailedWithTheEnginesErrorAndCountsAsApplied() {
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.failed(RUN_MOBY, VmReason.START_FAILED, "dockerd exited (exit code 1)"),
                status(VmPhase.FAILED, VmReason.START_FAILED, "dockerd exited (exit code 1)"));
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.START_FAILED);
        assertEquals("dockerd exited (exit code 1)", v.running().orElseThrow().message());
        assertTrue(v.applied(), "the conditions describe the current spec, so the App forwards StartFailed");
        assertFalse(MachineStatusView.needsOperation(o), "a failed start is retried only when the spec changes");
    }

    @Test
    void noWayToRunTheEngineIsCreateFailed() {
        MachineObservation o = new MachineObservation(RUN_MOBY, Optional.empty(), false, false,
                Optional.of(MachineOutcome.cannotCreate(RUN_MOBY, "no way to run the moby engine was found: install…")),
                Optional.empty(), false);
        View v = MachineStatusView.view(o);
        assertEquals(Conditions.FALSE, v.created().status());
        assertEquals(ConditionReasons.Created.CREATE_FAILED, v.created().reason());
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.START_FAILED);
    }

    @Test
    void aChangedSpecIsReconcilingAndNotApplied() {
        MachineObservation o = idle(RUN_CONTAINERD, MachineOutcome.succeeded(RUN_MOBY), STARTED);
        View v = MachineStatusView.view(o);
        assertRunning(v, Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING);
        assertFalse(v.applied());
        assertTrue(MachineStatusView.needsOperation(o));
    }

    @Test
    void aStopInProgressIsReconcilingUntilTheEngineIsGone() {
        View v = MachineStatusView.view(busy(STOP, STOP, true, status(VmPhase.STOPPING, VmReason.STOPPING, "stopping dockerd")));
        assertRunning(v, Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING);
        assertEquals("stopping dockerd", v.running().orElseThrow().message());
    }

    @Test
    void aStoppedEngineIsStopped() {
        View v = MachineStatusView.view(idle(STOP, MachineOutcome.succeeded(STOP), STOPPED));
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.STOPPED);
        assertTrue(v.applied());
    }

    @Test
    void aStopWithoutAnyDriverIsStopped() {
        View v = MachineStatusView.view(idle(STOP, MachineOutcome.succeeded(STOP), null));
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.STOPPED);
    }

    @Test
    void aFailedStopIsStopFailed() {
        View v = MachineStatusView.view(idle(STOP, MachineOutcome.failed(STOP, VmReason.STOP_FAILED, "still running after SIGKILL"),
                status(VmPhase.FAILED, VmReason.STOP_FAILED, "still running after SIGKILL")));
        assertRunning(v, Conditions.FALSE, ConditionReasons.Running.STOP_FAILED);
    }

    @Test
    void anEngineThatStoppedOutsideRddIsStartedAgain() {
        MachineObservation o = idle(RUN_MOBY, MachineOutcome.succeeded(RUN_MOBY), STOPPED);
        assertRunning(MachineStatusView.view(o), Conditions.FALSE, ConditionReasons.Running.STOPPED);
        assertTrue(MachineStatusView.needsOperation(o));
    }

    @Test
    void aNewTargetWhileAnOperationRunsNeedsTheDriverAgain() {
        assertTrue(MachineStatusView.needsOperation(busy(STOP, RUN_MOBY, true, null)));
        assertFalse(MachineStatusView.needsOperation(busy(RUN_MOBY, RUN_MOBY, true, null)));
    }
}
