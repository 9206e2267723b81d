package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.vm.VmStatus;

import java.util.Optional;

/**
 * Everything the VirtualMachine controller knows about one machine at one moment: what the spec wants, what the
 * driver is doing and did last, and what the driver reports.
 *
 * @param target        the current spec's target
 * @param inFlight      the target of the driver operation that is running now, if any
 * @param begun         whether that operation has begun calling the driver (it may wait behind another)
 * @param quiet         whether that operation only confirms a state the status already shows (a service restart
 *                      re-attaching to a running engine), so the status must not flicker through Starting
 * @param lastOutcome   how the last finished operation ended
 * @param driverStatus  the driver's current status; empty while the machine has no driver
 * @param created       whether the driver's instance exists (process: engine dirs prepared; lima: instance on disk)
 */
record MachineObservation(MachineTarget target, Optional<MachineTarget> inFlight, boolean begun, boolean quiet,
                          Optional<MachineOutcome> lastOutcome, Optional<VmStatus> driverStatus, boolean created) {
}
