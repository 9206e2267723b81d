package io.rancherdesktop.rdd.controller.app;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.controller.app.SettledComputation.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md §1.2, one nested class per row (first matching row wins). */
class SettledComputationTest {

    private static final long GEN = 7;

    private static Condition running(String status, String reason, String message) {
        return Conditions.condition(ConditionTypes.RUNNING, status, reason, message, GEN);
    }

    private static Condition cer(String status, String reason, long observedGeneration) {
        return Conditions.condition(ConditionTypes.CONTAINER_ENGINE_READY, status, reason, "engine says " + reason, observedGeneration);
    }

    private static Condition kr(String status, String reason, long observedGeneration) {
        return Conditions.condition(ConditionTypes.KUBERNETES_READY, status, reason, "k8s says " + reason, observedGeneration);
    }

    private static final Condition STARTED = running(Conditions.TRUE, ConditionReasons.Running.STARTED, "dockerd is running");
    private static final Condition STOPPED = running(Conditions.FALSE, ConditionReasons.Running.STOPPED, "dockerd stopped");
    private static final Condition CONNECTED = cer(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED, GEN);
    private static final Condition NOT_APPLICABLE = cer(Conditions.TRUE, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE, GEN);
    private static final Condition ENGINE_STOPPED = cer(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED, GEN);

    /** A builder over the inputs with "everything caught up, running, engine enabled, connected" as the base. */
    private record In(boolean specRunning, boolean k8sEnabled, boolean t, boolean e, boolean k,
                      Condition running, Condition cer, Condition kr) {
        static In base() {
            return new In(true, false, true, true, false, STARTED, CONNECTED, null);
        }

        In specRunning(boolean v) { return new In(v, k8sEnabled, t, e, k, running, cer, kr); }
        In k8sEnabled(boolean v) { return new In(specRunning, v, t, e, k, running, cer, kr); }
        In t(boolean v) { return new In(specRunning, k8sEnabled, v, e, k, running, cer, kr); }
        In e(boolean v) { return new In(specRunning, k8sEnabled, t, v, k, running, cer, kr); }
        In k(boolean v) { return new In(specRunning, k8sEnabled, t, e, v, running, cer, kr); }
        In running(Condition v) { return new In(specRunning, k8sEnabled, t, e, k, v, cer, kr); }
        In cer(Condition v) { return new In(specRunning, k8sEnabled, t, e, k, running, v, kr); }
        In kr(Condition v) { return new In(specRunning, k8sEnabled, t, e, k, running, cer, v); }

        Verdict compute() {
            return SettledComputation.compute(new SettledInputs(GEN, specRunning, k8sEnabled, t, e, k,
                    Optional.ofNullable(running), Optional.ofNullable(cer), Optional.ofNullable(kr)));
        }
    }

    private static void assertNotSettled(Verdict v, String reason) {
        assertEquals(Conditions.FALSE, v.status(), () -> "expected not settled, got " + v);
        assertEquals(reason, v.reason(), () -> "reason of " + v);
        assertFalse(v.message().isEmpty(), "a not-settled verdict explains itself");
    }

    private static void assertSettled(Verdict v) {
        assertEquals(Conditions.TRUE, v.status(), () -> "expected settled, got " + v);
        assertEquals(ConditionReasons.Settled.SETTLED, v.reason());
    }

    @Nested
    class Row1MachineNotCurrent {
        @Test
        void staleMachineIsApplyingTemplateEvenWhenEverythingElseLooksDone() {
            assertNotSettled(In.base().t(false).compute(), ConditionReasons.Settled.APPLYING_TEMPLATE);
        }

        @Test
        void staleMachineWinsOverAMissingRunningCondition() {
            assertNotSettled(In.base().t(false).running(null).compute(), ConditionReasons.Settled.APPLYING_TEMPLATE);
        }

        @Test
        void staleStoppedMachineDoesNotSettleAStop() {
            assertNotSettled(In.base().specRunning(false).t(false).running(STOPPED).cer(ENGINE_STOPPED).compute(),
                    ConditionReasons.Settled.APPLYING_TEMPLATE);
        }
    }

    @Nested
    class Row2NoRunningCondition {
        @Test
        void missingRunningConditionWaitsForTheVirtualMachine() {
            assertNotSettled(In.base().running(null).compute(), ConditionReasons.Settled.WAITING_FOR_VIRTUAL_MACHINE);
        }

        @Test
        void missingRunningConditionWaitsEvenWhenStopIsWanted() {
            assertNotSettled(In.base().specRunning(false).running(null).e(false).compute(),
                    ConditionReasons.Settled.WAITING_FOR_VIRTUAL_MACHINE);
        }
    }

    @Nested
    class Row3WantedRunningButNotUp {
        @Test
        void startingMachineForwardsItsReason() {
            Verdict v = In.base().running(running(Conditions.FALSE, ConditionReasons.Running.STARTING, "starting dockerd")).compute();
            assertNotSettled(v, ConditionReasons.Running.STARTING);
        }

        @Test
        void reconcilingMachineForwardsUnknownStatusReason() {
            Verdict v = In.base().running(running(Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING, "")).compute();
            assertNotSettled(v, ConditionReasons.Running.RECONCILING);
        }

        @Test
        void failedStartForwardsTheMachineMessage() {
            Verdict v = In.base().running(running(Conditions.FALSE, ConditionReasons.Running.START_FAILED,
                    "dockerd exited (exit code 1); last lines: failed to load listeners")).compute();
            assertNotSettled(v, ConditionReasons.Running.START_FAILED);
            assertEquals("dockerd exited (exit code 1); last lines: failed to load listeners", v.message());
        }

        @Test
        void stoppedMachineWhileRunningIsWantedIsNotSettled() {
            assertNotSettled(In.base().running(STOPPED).compute(), ConditionReasons.Running.STOPPED);
        }
    }

    @Nested
    class Row4WantedStoppedButNotStopped {
        @Test
        void runningMachineDoesNotSettleAStopEvenIfTheEngineAlreadyDisconnected_I4() {
            // I4: the upstream wait returned as soon as ContainerEngineReady left True, while the VM still ran.
            Verdict v = In.base().specRunning(false).running(STARTED).cer(ENGINE_STOPPED).compute();
            assertNotSettled(v, ConditionReasons.Running.STARTED);
        }

        @Test
        void runningMachineDoesNotSettleAStopWithoutAnEngineController_I4() {
            assertNotSettled(In.base().specRunning(false).e(false).running(STARTED).cer(null).compute(),
                    ConditionReasons.Running.STARTED);
        }

        @Test
        void failedStopForwardsTheMachineMessage() {
            Verdict v = In.base().specRunning(false).running(running(Conditions.FALSE, ConditionReasons.Running.STOP_FAILED,
                    "dockerd (pid 42) is still running after SIGKILL")).compute();
            assertNotSettled(v, ConditionReasons.Running.STOP_FAILED);
            assertTrue(v.message().contains("still running after SIGKILL"));
        }

        @Test
        void startFailedIsNotStoppedEvenThoughRunningIsFalse() {
            Verdict v = In.base().specRunning(false).e(false)
                    .running(running(Conditions.FALSE, ConditionReasons.Running.START_FAILED, "boom")).compute();
            assertNotSettled(v, ConditionReasons.Running.START_FAILED);
        }
    }

    @Nested
    class Row5NoEngineNoKubernetesController {
        @Test
        void runningMachineSettlesWithoutWaitingForAnAbsentEngineController() {
            assertSettled(In.base().e(false).cer(null).compute());
        }

        @Test
        void staleEngineConditionIsIgnoredWhenTheEngineControllerIsNotEnabled() {
            assertSettled(In.base().e(false).cer(cer(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED, 1)).compute());
        }

        @Test
        void stoppedMachineSettlesAStopWithoutAnEngineController() {
            assertSettled(In.base().specRunning(false).e(false).running(STOPPED).cer(null).compute());
        }
    }

    @Nested
    class Row6StopWithEngineController {
        @Test
        void stopSettlesOnceTheEngineReportsStoppedForThisGeneration_I4() {
            assertSettled(In.base().specRunning(false).running(STOPPED).cer(ENGINE_STOPPED).compute());
        }

        @Test
        void stopSettlesOnContainerdNotApplicable() {
            assertSettled(In.base().specRunning(false).running(STOPPED).cer(NOT_APPLICABLE).compute());
        }

        @Test
        void stopWaitsWhileTheEngineConditionIsMissing() {
            assertNotSettled(In.base().specRunning(false).running(STOPPED).cer(null).compute(),
                    ConditionReasons.Settled.ENGINE_STALE);
        }

        @Test
        void stopWaitsForCleanupOfThisGenerationNotAnOlderOne_I4() {
            Condition old = cer(Conditions.FALSE, ConditionReasons.ContainerEngineReady.STOPPED, GEN - 1);
            assertNotSettled(In.base().specRunning(false).running(STOPPED).cer(old).compute(),
                    ConditionReasons.Settled.ENGINE_STALE);
        }

        @Test
        void stopWaitsWhileTheEngineIsStillConnected() {
            assertNotSettled(In.base().specRunning(false).running(STOPPED).cer(CONNECTED).compute(),
                    ConditionReasons.Settled.ENGINE_STALE);
        }

        @Test
        void stopWaitsOnAConnectFailure() {
            Condition failed = cer(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED, GEN);
            assertNotSettled(In.base().specRunning(false).running(STOPPED).cer(failed).compute(),
                    ConditionReasons.Settled.ENGINE_STALE);
        }
    }

    @Nested
    class Row7StopWithOnlyKubernetesController {
        @Test
        void stopSettlesWhenOnlyTheKubernetesControllerRuns() {
            assertSettled(In.base().specRunning(false).e(false).k(true).running(STOPPED).cer(null).compute());
        }
    }

    @Nested
    class Row8RunWithEngineController {
        @Test
        void runWaitsForTheEngineWhenItHasNotReported() {
            assertNotSettled(In.base().cer(null).compute(), ConditionReasons.Settled.WAITING_FOR_ENGINE);
        }

        @Test
        void runWaitsWhileTheEngineConditionIsFromAnOlderGeneration() {
            assertNotSettled(In.base().cer(cer(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED, GEN - 1)).compute(),
                    ConditionReasons.Settled.ENGINE_STALE);
        }

        @Test
        void runForwardsTheEngineFailureReasonAndMessage() {
            Verdict v = In.base().cer(cer(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED, GEN)).compute();
            assertNotSettled(v, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);
            assertEquals("engine says ConnectFailed", v.message());
        }

        @Test
        void runSettlesOnConnected() {
            assertSettled(In.base().compute());
        }

        @Test
        void containerdRunSettlesOnNotApplicableAndNeverHangs_I1() {
            // I1: upstream waited for ContainerEngineReady=True/Connected, which containerd never reaches.
            assertSettled(In.base().cer(NOT_APPLICABLE).compute());
        }
    }

    @Nested
    class Row9Kubernetes {
        @Test
        void kubernetesControllerWithKubernetesEnabledWaitsForKubernetesReady() {
            assertNotSettled(In.base().k(true).k8sEnabled(true).compute(), ConditionReasons.Settled.WAITING_FOR_KUBERNETES);
        }

        @Test
        void staleKubernetesReadyIsKubernetesStale() {
            assertNotSettled(In.base().k(true).k8sEnabled(true).kr(kr(Conditions.TRUE, ConditionReasons.KubernetesReady.READY, GEN - 1)).compute(),
                    ConditionReasons.Settled.KUBERNETES_STALE);
        }

        @Test
        void notReadyKubernetesForwardsItsReason() {
            assertNotSettled(In.base().k(true).k8sEnabled(true).kr(kr(Conditions.FALSE, ConditionReasons.KubernetesReady.PROBING, GEN)).compute(),
                    ConditionReasons.KubernetesReady.PROBING);
        }

        @Test
        void kubernetesEnabledIsIgnoredWhileTheKubernetesControllerIsNotEnabled() {
            // docs/design/upstream-differences.md §4: K is false in this product, so kubernetes.enabled never blocks Settled.
            assertSettled(In.base().k(false).k8sEnabled(true).compute());
        }
    }

    @Nested
    class Row10 {
        @Test
        void readyKubernetesSettles() {
            assertSettled(In.base().k(true).k8sEnabled(true).kr(kr(Conditions.TRUE, ConditionReasons.KubernetesReady.READY, GEN)).compute());
        }

        @Test
        void settledConditionCarriesTheAppGeneration() {
            Condition c = In.base().compute().toCondition(GEN);
            assertEquals(ConditionTypes.SETTLED, c.getType());
            assertEquals(GEN, c.getObservedGeneration());
        }
    }
}
