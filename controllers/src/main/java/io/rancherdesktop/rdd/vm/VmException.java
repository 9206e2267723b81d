package io.rancherdesktop.rdd.vm;

/**
 * A failed start or stop. {@link #reason()} is {@link VmReason#START_FAILED} or {@link VmReason#STOP_FAILED};
 * the message carries the engine's own error text (e.g. the last lines of its log).
 */
public final class VmException extends Exception {
    private final VmReason reason;

    public VmException(VmReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VmException(VmReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public VmReason reason() {
        return reason;
    }
}
