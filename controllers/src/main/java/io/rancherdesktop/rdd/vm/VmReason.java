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
    /**
     * Phase RUNNING: the engine exited behind the driver's back again within the crash-loop window (its second or
     * later exit of {@link RestartPolicy#window()}); it is restarted after a doubling backoff, and the message names
     * the delay, the exits so far and the budget ({@link RestartPolicy#maxRestarts()}) after which the driver gives
     * up with {@link #START_FAILED}. As in Kubernetes' {@code CrashLoopBackOff}.
     */
    CRASH_LOOP_BACK_OFF("CrashLoopBackOff"),
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
