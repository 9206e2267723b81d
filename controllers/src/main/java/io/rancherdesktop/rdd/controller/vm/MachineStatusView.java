package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.vm.VmPhase;
import io.rancherdesktop.rdd.vm.VmReason;
import io.rancherdesktop.rdd.vm.VmStatus;

import java.util.Optional;

/**
 * Turns a {@link MachineObservation} into the VirtualMachine's {@code Created} and {@code Running} conditions, and
 * decides whether the driver must be called. Pure, so every transition is unit-tested.
 *
 * <p>Running follows the upstream LimaVM reasons: Unknown/{@code Reconciling} until a driver operation begins and
 * while a stop is in progress, False/{@code Starting} while the engine starts, True/{@code Started} only once the
 * engine answers a ping (a crash-restart by the driver keeps it True), False/{@code Stopped} only once the engine
 * process is gone, False/{@code StartFailed} or {@code StopFailed} with the driver's error text.
 */
final class MachineStatusView {

    private MachineStatusView() {
    }

    /** A condition's status, reason and message. */
    record ConditionValue(String status, String reason, String message) {
    }

    /**
     * @param created the Created condition
     * @param running the Running condition; empty = keep what the status shows (a quiet operation)
     * @param applied whether the current spec is fully applied (started, stopped, or failed trying), i.e. whether
     *                {@code status.observedGeneration} may advance to the current generation
     */
    record View(ConditionValue created, Optional<ConditionValue> running, boolean applied) {
    }

    static View view(MachineObservation o) {
        return new View(created(o), running(o), applied(o));
    }

    private static ConditionValue created(MachineObservation o) {
        Optional<MachineOutcome> createFailure = o.lastOutcome().filter(MachineOutcome::createFailure)
                .filter(out -> out.target().equals(o.target()));
        if (createFailure.isPresent() && o.inFlight().isEmpty()) {
            return new ConditionValue(Conditions.FALSE, ConditionReasons.Created.CREATE_FAILED,
                    createFailure.get().failure().orElseThrow().message());
        }
        if (o.created()) {
            return new ConditionValue(Conditions.TRUE, ConditionReasons.Created.CREATED, "the machine exists");
        }
        return new ConditionValue(Conditions.UNKNOWN, ConditionReasons.Created.PENDING,
                "the machine is not created yet");
    }

    private static Optional<ConditionValue> running(MachineObservation o) {
        Optional<VmStatus> driver = o.driverStatus();
        if (o.inFlight().isPresent()) {
            if (o.quiet()) {
                return Optional.empty();
            }
            MachineTarget op = o.inFlight().get();
            Optional<String> progress = driver.filter(s -> s.phase() == VmPhase.STARTING || s.phase() == VmPhase.STOPPING)
                    .map(VmStatus::message).filter(m -> !m.isEmpty());
            if (op.running() && (progress.isPresent() || o.begun() && driver.map(VmStatus::isRunning).orElse(false))) {
                // Not Started until the operation confirms that the engine of *this* target answers.
                return Optional.of(new ConditionValue(Conditions.FALSE, ConditionReasons.Running.STARTING,
                        progress.orElse("starting " + op.engine().daemon())));
            }
            if (op.running()) {
                return Optional.of(reconciling("about to start " + op.engine().daemon()));
            }
            return Optional.of(reconciling(progress.orElse("stopping the engine")));
        }
        Optional<MachineOutcome> outcome = o.lastOutcome().filter(out -> out.target().equals(o.target()));
        if (outcome.isEmpty()) {
            return Optional.of(reconciling("applying the spec"));
        }
        Optional<MachineOutcome.Failure> failure = outcome.get().failure();
        if (failure.isPresent()) {
            String reason = failure.get().reason() == VmReason.STOP_FAILED
                    ? ConditionReasons.Running.STOP_FAILED : ConditionReasons.Running.START_FAILED;
            return Optional.of(new ConditionValue(Conditions.FALSE, reason, failure.get().message()));
        }
        if (driver.isEmpty()) {
            // Only a stop succeeds without a driver: there was no engine to stop.
            return Optional.of(new ConditionValue(Conditions.FALSE, ConditionReasons.Running.STOPPED, "not running"));
        }
        VmStatus s = driver.get();
        return Optional.of(switch (s.phase()) {
            // A restart is RUNNING too: the driver restarts a crashed engine without flipping Running (a False
            // Running would make the engine controller clean every mirror up); the reason shows the restart and
            // the crash loop's back-off.
            case RUNNING -> new ConditionValue(Conditions.TRUE, switch (s.reason()) {
                case RESTARTING -> ConditionReasons.Running.RESTARTING;
                case CRASH_LOOP_BACK_OFF -> ConditionReasons.Running.CRASH_LOOP_BACK_OFF;
                default -> ConditionReasons.Running.STARTED;
            }, s.message());
            case STOPPED -> new ConditionValue(Conditions.FALSE, ConditionReasons.Running.STOPPED, s.message());
            case STARTING -> new ConditionValue(Conditions.FALSE, ConditionReasons.Running.STARTING, s.message());
            case STOPPING -> reconciling(s.message());
            case FAILED -> new ConditionValue(Conditions.FALSE, s.reason() == VmReason.STOP_FAILED
                    ? ConditionReasons.Running.STOP_FAILED : ConditionReasons.Running.START_FAILED, s.message());
        });
    }

    private static ConditionValue reconciling(String message) {
        return new ConditionValue(Conditions.UNKNOWN, ConditionReasons.Running.RECONCILING, message);
    }

    private static boolean applied(MachineObservation o) {
        return o.inFlight().isEmpty() && o.lastOutcome().map(out -> out.target().equals(o.target())).orElse(false);
    }

    /**
     * Whether the driver must be called for the current target: nothing was applied yet, the spec changed, or the
     * engine drifted from a successfully applied target (a Lima VM stopped outside rdd). A failed target is not
     * retried until the spec changes: a crash loop must not become a start loop.
     */
    static boolean needsOperation(MachineObservation o) {
        if (o.inFlight().isPresent()) {
            return !o.inFlight().get().equals(o.target());
        }
        Optional<MachineOutcome> outcome = o.lastOutcome();
        if (outcome.isEmpty() || !outcome.get().target().equals(o.target())) {
            return true;
        }
        if (outcome.get().failure().isPresent()) {
            return false;
        }
        Optional<VmPhase> phase = o.driverStatus().map(VmStatus::phase);
        if (o.target().running()) {
            return phase.map(p -> p == VmPhase.STOPPED).orElse(true);
        }
        return phase.map(p -> p == VmPhase.RUNNING).orElse(false);
    }
}
