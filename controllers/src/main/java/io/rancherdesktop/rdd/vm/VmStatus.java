package io.rancherdesktop.rdd.vm;

import java.util.Optional;

/**
 * A driver's observed state. The controller turns it into the VirtualMachine {@code Running} condition:
 * {@code phase == RUNNING} ⇒ True, anything else ⇒ False; {@link #reason()} and {@link #message()} as they are.
 *
 * @param restartCount how many times the driver restarted the engine after it died behind its back
 *                     (successful restarts since the driver was created)
 * @param endpoint     where the engine answers; present only in phase RUNNING
 */
public record VmStatus(VmPhase phase, VmReason reason, String message, int restartCount, Optional<EngineEndpoint> endpoint) {
    public VmStatus {
        if (phase == null || reason == null) {
            throw new IllegalArgumentException("phase and reason are required");
        }
        message = message == null ? "" : message;
        endpoint = endpoint == null ? Optional.empty() : endpoint;
    }

    public static VmStatus stopped(String message, int restartCount) {
        return new VmStatus(VmPhase.STOPPED, VmReason.STOPPED, message, restartCount, Optional.empty());
    }

    public boolean isRunning() {
        return phase == VmPhase.RUNNING;
    }
}
