package io.rancherdesktop.rdd.controller.engine.reconcile;

import java.time.Duration;

/** Exponential backoff: {@code initial · 2^(attempt-1)}, capped at {@code max}. */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial == null || !initial.isPositive() || max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} (≥ 1) failures. */
    public Duration after(int attempt) {
        int shift = Math.min(Math.max(attempt, 1) - 1, 30);
        long nanos = initial.toNanos();
        long delay = nanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : nanos << shift;
        return delay >= max.toNanos() ? max : Duration.ofNanos(delay);
    }
}
