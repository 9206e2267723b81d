package io.rancherdesktop.rdd.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rancherdesktop.rdd.wire.Backoff;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimistic-concurrency write of every controller (client-go's {@code retry.RetryOnConflict}): each attempt
 * reads a fresh object and writes it with the resourceVersion it read; a 409 Conflict means somebody wrote in between,
 * so the attempt runs again, at most {@value #MAX_ATTEMPTS} times, and the last Conflict is thrown. Every other
 * failure ends the loop at once (an attempt handles NotFound itself where that is an expected outcome).
 */
public final class ConflictRetry {
    /** Conflicts only come from concurrent writers of the same object; client-go's default also gives up after a few. */
    public static final int MAX_ATTEMPTS = 8;
    /** Retry at once: the fresh read of the next attempt is all a conflict needs. */
    public static final Backoff AT_ONCE = new Backoff(Duration.ZERO, Duration.ZERO);
    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private ConflictRetry() {
    }

    /**
     * Runs {@code attempt} (given its 1-based number) until it returns without a Conflict.
     *
     * @param what    names the write for the debug line of a conflict
     * @param backoff the pause after each conflict
     * @throws KubernetesClientException any failure but a Conflict, or the Conflict of the last attempt
     */
    public static <R> R run(Supplier<String> what, Backoff backoff, IntFunction<R> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.apply(n);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || n >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("{} conflicted (attempt {}); retrying with a fresh read", what.get(), n);
                Duration pause = backoff.after(n);
                if (pause.isPositive()) {
                    LockSupport.parkNanos(pause.toNanos());
                }
            }
        }
    }
}
