package io.rancherdesktop.rdd.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls a condition until it holds or a deadline passes, waiting {@link Backoff#after} between attempts (never past
 * the deadline). For things that announce nothing (an engine's socket, a port forward); anything that can be watched
 * should be watched instead.
 */
public final class Poll {
    private Poll() {
    }

    /** What one attempt found. */
    public sealed interface Attempt<T> {
        /** The poll is over with {@code value} (which may itself say "gave up", e.g. the process exited). */
        record Done<T>(T value) implements Attempt<T> {
        }

        /** Not yet; {@code reason} is kept for the caller's timeout message. */
        record NotYet<T>(String reason) implements Attempt<T> {
        }

        static <T> Attempt<T> done(T value) {
            return new Done<>(value);
        }

        static <T> Attempt<T> notYet(String reason) {
            return new NotYet<>(reason);
        }
    }

    /** How a poll ended. {@code lastReason} is the last {@link Attempt.NotYet#reason}, or {@code "no attempt yet"}. */
    public sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {
        }

        record TimedOut<T>(String lastReason) implements Result<T> {
        }

        /** The waiting thread was interrupted; its interrupt flag is set again. */
        record Interrupted<T>(String lastReason) implements Result<T> {
        }
    }

    /** One attempt; it may throw {@code E} (e.g. a failure that retrying cannot cure), which ends the poll. */
    @FunctionalInterface
    public interface Check<T, E extends Exception> {
        Attempt<T> attempt() throws E;
    }

    /** A health check: what is wrong, or empty once all is well. */
    @FunctionalInterface
    public interface HealthCheck<E extends Exception> {
        Optional<String> problem() throws E;
    }

    /** How to wait between attempts; a pause may end early (e.g. on a process exit) and the next attempt sees why. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration delay) throws InterruptedException;
    }

    /**
     * Polls a health check that answers what is wrong, or empty once all is well (an engine ping): done with
     * {@code null} once it is empty; the last error is the timeout's reason.
     */
    public static <E extends Exception> Result<Void> untilOk(HealthCheck<E> check, Instant deadline, Backoff backoff)
            throws E {
        return until(() -> check.problem().<Attempt<Void>>map(Attempt::notYet).orElseGet(() -> Attempt.done(null)),
                deadline, backoff);
    }

    /** {@link #until(Check, Instant, Backoff, Pause)} sleeping between attempts. */
    public static <T, E extends Exception> Result<T> until(Check<T, E> attempt, Instant deadline, Backoff backoff) throws E {
        return until(attempt, deadline, backoff, Thread::sleep);
    }

    /**
     * Runs {@code attempt} until it is {@link Attempt.Done}. After each {@link Attempt.NotYet}: timed out once the
     * deadline has passed, else {@code pause} for {@code backoff.after(failures)} or what is left of the deadline.
     * {@link Instant#MAX} waits forever.
     */
    public static <T, E extends Exception> Result<T> until(Check<T, E> attempt, Instant deadline, Backoff backoff, Pause pause)
            throws E {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(backoff, "backoff");
        String last = "no attempt yet";
        for (int failures = 1; ; failures++) {
            switch (attempt.attempt()) {
                case Attempt.Done<T> d -> {
                    return new Result.Done<>(d.value());
                }
                case Attempt.NotYet<T> n -> last = n.reason();
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Result.TimedOut<>(last);
            }
            Duration delay = backoff.after(failures);
            try {
                pause.pause(delay.compareTo(left) <= 0 ? delay : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result.Interrupted<>(last);
            }
        }
    }
}
