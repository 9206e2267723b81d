package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a running service: asks it to shut down ({@link ProcessHandle#destroy()}, SIGTERM on Unix) and waits for
 * it to go, without polling: whichever comes first of the process's exit ({@link ProcessHandle#onExit()}) and the
 * release of its PID-file lock (a blocking lock request returns the moment the service lets go of the file, which
 * it does last on a clean shutdown; for a process that is not our child, onExit alone would poll).
 */
public final class ServiceTermination {
    /** How long a force-killed process may take to disappear. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    /** How long a service that released its PID file may take to finish exiting. */
    private static final Duration PROCESS_END_GRACE = Duration.ofSeconds(5);

    private ServiceTermination() {
    }

    /** The outcome of a stop. */
    public enum Outcome {
        /** It was not running (any more). */
        NOT_RUNNING,
        /** Asked to stop; not waited for. */
        SIGNALLED,
        /** It stopped within the timeout. */
        STOPPED,
        /** It did not stop in time and was force-killed. */
        KILLED
    }

    /**
     * @param timeout how long to wait after the signal before force-killing; null or zero waits forever
     * @param wait    whether to wait at all
     */
    public static Outcome stop(Path pidFile, long pid, Duration timeout, boolean wait) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return Outcome.NOT_RUNNING;
        }
        ProcessHandle ph = handle.get();
        CompletableFuture<?> gone = exitOf(ph, pidFile);
        ph.destroy();
        if (!wait) {
            return Outcome.SIGNALLED;
        }
        try {
            if (timeout == null || timeout.isZero()) {
                gone.get();
            } else {
                gone.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            awaitProcessEnd(ph);
            return Outcome.STOPPED;
        } catch (TimeoutException e) {
            ph.destroyForcibly();
            try {
                ph.onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillThere) {
                // reported as KILLED all the same; the kernel finishes it
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Outcome.KILLED;
        } catch (ExecutionException e) {
            return Outcome.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.SIGNALLED;
        } finally {
            gone.cancel(true);
        }
    }

    /**
     * Once the service has let go of its PID file only the JVM's own exit remains, a matter of milliseconds; wait
     * for it briefly so "stopped" means the process is gone. (onExit of a non-child process sleeps 300 ms between
     * checks, too coarse here.)
     */
    private static void awaitProcessEnd(ProcessHandle ph) throws InterruptedException {
        long end = System.nanoTime() + PROCESS_END_GRACE.toNanos();
        while (ph.isAlive() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    /** Completes when the process exits or releases the PID-file lock ({@code pidFile} null: when it exits). */
    public static CompletableFuture<?> exitOf(ProcessHandle ph, Path pidFile) {
        CompletableFuture<Object> gone = new CompletableFuture<>();
        ph.onExit().thenRun(() -> gone.complete(null));
        if (pidFile == null) {
            return gone;
        }
        // A platform thread: a blocking file lock would pin a virtual thread's carrier anyway.
        Thread waiter = Thread.ofPlatform().daemon().name("pid-file-lock-wait").unstarted(() -> {
            try (FileChannel ch = FileChannel.open(pidFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock(); // blocks until the service releases it (or dies)
                lock.release();
                gone.complete(null);
            } catch (NoSuchFileException removed) {
                // PidFile.close removes the file as its last step: the service is done
                gone.complete(null);
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                // interrupted (cancelled) or cannot lock: onExit decides
            }
        });
        gone.whenComplete((v, t) -> waiter.interrupt());
        waiter.start();
        return gone;
    }
}
