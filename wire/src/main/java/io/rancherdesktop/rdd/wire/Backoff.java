package io.rancherdesktop.rdd.wire;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff, the one delay policy of every retry and poll loop: the delay after {@code attempt} failures is
 * {@code initial · factor^(attempt-1)}, capped at {@code max}, plus up to {@code jitter · delay} of random spread
 * (client-go's {@code wait.Backoff} semantics) so that writers that collided do not collide again in lockstep.
 *
 * @param initial the delay after the first failure (zero: retry at once)
 * @param factor  growth per failure, at least 1
 * @param max     the cap, at least {@code initial}
 * @param jitter  the fraction of the delay added at random, in {@code [0, 1]}; zero is deterministic
 */
public record Backoff(Duration initial, double factor, Duration max, double jitter) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0 || !(factor >= 1) || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, factor >= 1 and jitter in [0, 1], got "
                    + initial + ", " + factor + ", " + max + ", " + jitter);
        }
    }

    /** Doubling from {@code initial} up to {@code max}, without jitter. */
    public Backoff(Duration initial, Duration max) {
        this(initial, 2, max, 0);
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} (≥ 1; less counts as 1) failures. */
    public Duration after(int attempt) {
        double grown = initial.toNanos() * Math.pow(factor, Math.max(attempt, 1) - 1);
        long delay = grown >= max.toNanos() ? max.toNanos() : (long) grown;
        if (jitter > 0 && delay > 0) {
            delay += (long) (ThreadLocalRandom.current().nextDouble() * jitter * delay);
        }
        return Duration.ofNanos(delay);
    }
}
