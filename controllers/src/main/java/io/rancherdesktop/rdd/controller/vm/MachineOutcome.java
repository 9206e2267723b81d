package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.vm.VmReason;

import java.util.Optional;

/**
 * How the last driver operation for a target ended.
 *
 * @param target  what the operation applied
 * @param failure empty on success; otherwise the driver's reason ({@code StartFailed}/{@code StopFailed}) and
 *                its error text
 * @param createFailure set when no driver could be created at all (no way to run the engine)
 */
record MachineOutcome(MachineTarget target, Optional<Failure> failure, boolean createFailure) {

    record Failure(VmReason reason, String message) {
    }

    static MachineOutcome succeeded(MachineTarget target) {
        return new MachineOutcome(target, Optional.empty(), false);
    }

    static MachineOutcome failed(MachineTarget target, VmReason reason, String message) {
        return new MachineOutcome(target, Optional.of(new Failure(reason, message)), false);
    }

    static MachineOutcome cannotCreate(MachineTarget target, String message) {
        return new MachineOutcome(target, Optional.of(new Failure(VmReason.START_FAILED, message)), true);
    }
}
