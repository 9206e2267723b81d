package io.rancherdesktop.rdd.vm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision for the {@link ProcessDriver}: waits on the engine with {@code onExit()} (no polling). If it dies
 * behind the driver's back it is restarted with backoff ({@link RestartPolicy}) while the status stays RUNNING
 * (reason {@code Restarting} for the first exit within the window, {@code CrashLoopBackOff} for every further one,
 * then {@code Started} with {@code restartCount + 1}); more exits than the budget give up with {@code StartFailed}
 * and the engine's last log lines.
 */
final class ProcessSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final EngineRun run;
    private final RestartPolicy policy;
    private final EngineLauncher launcher;
    private final EngineStopper stopper;
    private final EngineRecords records;
    private final ScheduledExecutorService backoffTimer;
    private final ExecutorService workers;

    ProcessSupervisor(EngineRun run, RestartPolicy policy, EngineLauncher launcher, EngineStopper stopper,
                      EngineRecords records, String instance) {
        this.run = run;
        this.policy = policy;
        this.launcher = launcher;
        this.stopper = stopper;
        this.records = records;
        this.backoffTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vm-process-" + instance + "-backoff");
            t.setDaemon(true);
            return t;
        });
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vm-process-" + instance + "-", 0).factory());
    }

    void watch(EngineChild child) {
        child.exit.whenCompleteAsync((ph, err) -> onExit(child), workers);
    }

    /** For a child that died between its first answer and {@link #watch}: handles the exit as if watched. */
    void exited(EngineChild child) {
        workers.execute(() -> onExit(child));
    }

    /** An engine process ended. If it was supervised and still wanted, restart it (or give up on a crash loop). */
    private void onExit(EngineChild child) {
        String daemon = child.engine.daemon();
        synchronized (run) {
            if (run.state() != DriverState.RUNNING || child != run.current || !child.supervised) {
                return; // expected: stopped, replaced, closed, or a start that reports the exit itself
            }
            run.current = null;
            run.crashed = child;
            Instant now = Instant.now();
            run.recentExits.addLast(now);
            while (!run.recentExits.isEmpty() && run.recentExits.peekFirst().isBefore(now.minus(policy.window()))) {
                run.recentExits.removeFirst();
            }
            int attempt = run.recentExits.size();
            if (attempt > policy.maxRestarts()) {
                run.become(DriverState.IDLE);
                String message = child.withLogTail(daemon + " keeps exiting (" + attempt + " exits within "
                        + policy.window().toSeconds() + " s, last: " + child.exitDescription()
                        + "); gave up restarting it", run.layout);
                log.error("engine crash loop: {}", message);
                workers.execute(() -> {
                    stopper.cleanupAfterExit(child.engine, List.of());
                    records.delete();
                });
                run.hub.publish(run.failed(VmReason.START_FAILED, message));
                return;
            }
            Duration delay = policy.backoff(attempt);
            // The first exit within the window is a restart; every further one is a crash loop in back-off.
            VmReason reason = attempt > 1 ? VmReason.CRASH_LOOP_BACK_OFF : VmReason.RESTARTING;
            String message = attempt > 1
                    ? daemon + " keeps exiting (" + child.exitDescription() + "); back-off " + delay.toMillis()
                    + " ms before restart attempt " + attempt + " of " + policy.maxRestarts() + " (" + attempt
                    + " exits within " + policy.window().toSeconds() + " s)"
                    : daemon + " exited unexpectedly (" + child.exitDescription() + "); restarting in "
                    + delay.toMillis() + " ms (attempt " + attempt + " of " + policy.maxRestarts() + ")";
            log.warn(message);
            run.hub.update(s -> new VmStatus(VmPhase.RUNNING, reason, message, s.restartCount(), s.endpoint()));
            run.become(DriverState.BACKING_OFF);
            long e = run.epoch.get();
            run.pendingRestart = backoffTimer.schedule(() -> workers.execute(() -> restartAttempt(e, attempt, child)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean superseded(long scheduledEpoch) {
        return !run.state().wantsEngine() || run.epoch.get() != scheduledEpoch;
    }

    private void restartAttempt(long scheduledEpoch, int attempt, EngineChild previous) {
        EngineChild child;
        EngineConfig cfg;
        synchronized (run) {
            if (superseded(scheduledEpoch)) {
                return;
            }
            run.pendingRestart = null;
            cfg = run.config;
        }
        // dockerd's own containerd dies with it (parent-death signal) but not instantly; a dockerd started while it
        // is still dying finds its pid file, tries to reuse it and hangs for 15 s before giving up.
        previous.awaitHelpersGone(EngineStopper.KILL_WAIT);
        try {
            EngineCommand command = EngineCommand.forConfig(cfg, run.layout, run.host);
            synchronized (run) {
                if (superseded(scheduledEpoch)) {
                    return;
                }
                child = launcher.launch(cfg, command, "restart attempt " + attempt);
                child.supervised = true; // from here on an exit counts as the next crash
                run.current = child;
                run.become(DriverState.RUNNING);
            }
        } catch (VmException e) {
            synchronized (run) {
                run.become(DriverState.IDLE);
            }
            run.hub.publish(run.failed(VmReason.START_FAILED, "cannot restart " + cfg.engine().daemon() + ": " + e.getMessage()));
            return;
        }
        watch(child);
        EngineLauncher.Readiness r = EngineLauncher.awaitReady(child, launcher.probe(cfg), Instant.now().plus(cfg.startTimeout()),
                () -> run.epoch.get() != scheduledEpoch || run.isClosed());
        switch (r.outcome()) {
            case READY -> {
                synchronized (run) {
                    if (run.current != child || run.epoch.get() != scheduledEpoch) {
                        return;
                    }
                    run.restartCount++;
                    int count = run.restartCount;
                    child.rememberHelpers();
                    records.write(child);
                    log.info("{} restarted (pid {}), restart count {}", cfg.engine().daemon(), child.handle.pid(), count);
                    run.hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED,
                            EngineRun.runningMessage(child, cfg) + "; restarted after an unexpected exit", count,
                            Optional.of(run.layout.endpoint(cfg.engine()))));
                }
            }
            case TIMED_OUT -> {
                log.warn("restarted {} (pid {}) did not answer within {} s; killing it", cfg.engine().daemon(),
                        child.handle.pid(), cfg.startTimeout().toSeconds());
                child.handle.destroyForcibly(); // its exit counts as the next crash
            }
            case EXITED, CANCELLED -> {
                // onExit counts the crash; a stop cleans up
            }
        }
    }

    @Override
    public void close() {
        backoffTimer.shutdownNow();
        workers.shutdown();
    }
}
