package io.rancherdesktop.rdd.vm;

/**
 * The reason of a {@link VmStatus}, spelled as the upstream {@code Running} condition reasons
 * (docs/api.md §1.1) so the controller can copy {@link #conditionReason()} as it is.
 */
public enum VmReason {
    /** Phase STARTING. */
    STARTING("Starting"),
    /** Phase RUNNING: the engine answers its API. */
    STARTED("Started"),
    /**
     * Phase RUNNING: the engine process exited behind the driver's back and is being restarted with backoff,
     * as a service manager would. The VM is still considered running; the engine API is briefly unavailable.
     */
    RESTARTING("Restarting"),
    /** Phase STOPPING. */
    STOPPING("Stopping"),
    /** Phase STOPPED. */
    STOPPED("Stopped"),
    /** Phase FAILED: a start failed, or a crash loop exhausted the restart budget. */
    START_FAILED("StartFailed"),
    /** Phase FAILED: the engine could not be stopped. */
    STOP_FAILED("StopFailed");

    private final String conditionReason;

    VmReason(String conditionReason) {
        this.conditionReason = conditionReason;
    }

    /** CamelCase condition reason ({@code Started}, {@code StartFailed}, …). */
    public String conditionReason() {
        return conditionReason;
    }
}
