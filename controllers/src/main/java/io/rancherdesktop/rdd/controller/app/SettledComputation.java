package io.rancherdesktop.rdd.controller.app;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;

import java.util.Optional;
import java.util.Set;

/**
 * The App's {@code Settled} condition (docs/api.md §1.2): whether the reconcile chain has caught up with the
 * current spec. The first matching row wins; the row numbers in the comments are the spec's. {@code rdd set}
 * waits on the result, so every row that can say True must only say so for the current generation [I1, I4].
 */
public final class SettledComputation {

    /** Engine reasons that mean "the engine is down and its mirrors are cleaned up" (row 6). */
    private static final Set<String> ENGINE_DOWN = Set.of(
            ConditionReasons.ContainerEngineReady.STOPPED, ConditionReasons.ContainerEngineReady.NOT_APPLICABLE);

    private SettledComputation() {
    }

    /** The verdict: status, reason and message of {@code Settled}. */
    public record Verdict(String status, String reason, String message) {
        public boolean settled() {
            return Conditions.TRUE.equals(status);
        }

        /** The condition to write, stamped with the App generation. */
        public Condition toCondition(long generation) {
            return Conditions.condition(ConditionTypes.SETTLED, status, reason, message, generation);
        }
    }

    public static Verdict compute(SettledInputs in) {
        // 1. The machine has not applied the current spec yet: its conditions may describe the old one.
        if (!in.machineCurrent()) {
            return notSettled(ConditionReasons.Settled.APPLYING_TEMPLATE,
                    "waiting for the VirtualMachine to apply the current spec");
        }
        // 2.
        Optional<Condition> running = in.running();
        if (running.isEmpty()) {
            return notSettled(ConditionReasons.Settled.WAITING_FOR_VIRTUAL_MACHINE,
                    "waiting for the VirtualMachine to report its Running condition");
        }
        Condition r = running.get();
        String runningReason = nonEmpty(r.getReason(), "Unknown");
        // 3. Wanted up, not up yet (or failed): forward the machine's reason.
        if (in.specRunning() && !Conditions.TRUE.equals(r.getStatus())) {
            String message = runningReason.endsWith("Failed")
                    ? nonEmpty(r.getMessage(), "the VirtualMachine reports " + runningReason)
                    : "waiting for the VirtualMachine to start (" + runningReason + ")";
            return notSettled(runningReason, message);
        }
        // 4. Wanted down: only a Stopped machine counts, never a machine that is merely disconnected [I4].
        if (!in.specRunning() && !ConditionReasons.Running.STOPPED.equals(r.getReason())) {
            String message = runningReason.endsWith("Failed")
                    ? nonEmpty(r.getMessage(), "the VirtualMachine reports " + runningReason)
                    : "waiting for the VirtualMachine to stop (" + runningReason + ")";
            return notSettled(runningReason, message);
        }
        boolean e = in.engineControllerEnabled();
        boolean k = in.kubernetesControllerEnabled();
        // 5. Nothing else to wait for.
        if (!e && !k) {
            return settled();
        }
        long gen = in.generation();
        Optional<Condition> cer = in.containerEngineReady();
        // 6. Wanted down with an engine controller: its cleanup must have finished for this generation [I4].
        if (!in.specRunning() && e) {
            boolean cleanedUp = cer.isPresent() && Conditions.isCurrent(cer.get(), gen)
                    && ENGINE_DOWN.contains(cer.get().getReason());
            return cleanedUp ? settled() : notSettled(ConditionReasons.Settled.ENGINE_STALE,
                    "waiting for the engine controller to disconnect and clean up its mirrors");
        }
        // 7.
        if (!in.specRunning()) {
            return settled();
        }
        // 8. Wanted up with an engine controller: it must be ready for this generation; containerd reports
        // True/NotApplicable, so this never hangs on a containerd machine [I1].
        if (e) {
            if (cer.isEmpty()) {
                return notSettled(ConditionReasons.Settled.WAITING_FOR_ENGINE,
                        "waiting for the engine controller to connect to the container engine");
            }
            Condition c = cer.get();
            if (!Conditions.isCurrent(c, gen)) {
                return notSettled(ConditionReasons.Settled.ENGINE_STALE,
                        "waiting for the engine controller to catch up with generation " + gen);
            }
            if (!Conditions.TRUE.equals(c.getStatus())) {
                return notSettled(nonEmpty(c.getReason(), ConditionReasons.Settled.WAITING_FOR_ENGINE),
                        nonEmpty(c.getMessage(), "the container engine is not ready"));
            }
        }
        // 9.
        if (k && in.kubernetesEnabled()) {
            Optional<Condition> kr = in.kubernetesReady();
            if (kr.isEmpty()) {
                return notSettled(ConditionReasons.Settled.WAITING_FOR_KUBERNETES, "waiting for Kubernetes");
            }
            if (!Conditions.isCurrent(kr.get(), gen)) {
                return notSettled(ConditionReasons.Settled.KUBERNETES_STALE,
                        "waiting for the Kubernetes controller to catch up with generation " + gen);
            }
            if (!Conditions.TRUE.equals(kr.get().getStatus())) {
                return notSettled(nonEmpty(kr.get().getReason(), ConditionReasons.Settled.WAITING_FOR_KUBERNETES),
                        nonEmpty(kr.get().getMessage(), "Kubernetes is not ready"));
            }
        }
        // 10.
        return settled();
    }

    private static Verdict settled() {
        return new Verdict(Conditions.TRUE, ConditionReasons.Settled.SETTLED, "the App has reached its desired state");
    }

    private static Verdict notSettled(String reason, String message) {
        return new Verdict(Conditions.FALSE, reason, message);
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
