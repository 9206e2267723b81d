package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.wire.Backoff;
import java.time.Duration;

/**
 * How the {@link ProcessDriver} restarts an engine that died behind its back, like a service manager: after a
 * backoff that doubles per attempt, at most {@code maxRestarts} times within {@code window}; one more exit within
 * the window is a crash loop and the driver gives up ({@link VmReason#START_FAILED}). The delays are the shared
 * {@link Backoff}; the crash-loop window is what a plain backoff does not have, so this policy stays its own record.
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration initialBackoff, Duration maxBackoff) {
    public static final RestartPolicy DEFAULT = new RestartPolicy(5, Duration.ofMinutes(2), Duration.ofMillis(250),
            Duration.ofSeconds(8));

    public RestartPolicy {
        if (maxRestarts < 0 || window.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid restart policy");
        }
    }

    /** The delay before restart attempt {@code n} (1-based). */
    public Duration backoff(int attempt) {
        return new Backoff(initialBackoff, maxBackoff).after(attempt);
    }
}
