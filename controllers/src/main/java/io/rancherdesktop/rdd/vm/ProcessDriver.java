package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code dockerd} (moby) or {@code containerd} as a local child process of the service, with its data under the
 * instance dirs ({@link EngineLayout}) and its output appended to {@code <log_dir>/dockerd.log} or
 * {@code containerd.log}.
 *
 * <ul>
 *   <li><b>Supervision.</b> The driver waits on the child with {@code onExit()} (no polling). If it dies behind the
 *   driver's back it is restarted with backoff ({@link RestartPolicy}) while the status stays RUNNING (reason
 *   {@code Restarting}, then {@code Started} with {@code restartCount + 1}); a crash loop gives up with
 *   {@code StartFailed} and the engine's last log lines ({@link ProcessSupervisor}).</li>
 *   <li><b>Adoption.</b> Once the engine answers, its PID, start time and command line are recorded in
 *   {@code <dir>/engine/process.json}. A later driver for the instance (the service restarted) adopts that process
 *   if it is alive, is the same process (start time), runs the same command line and answers a ping, so there is
 *   never a second engine; otherwise it stops it and starts a fresh one ({@link EngineAdoption}).</li>
 *   <li>The engine's own output goes straight to its log file (not through the JVM), so it outlives the service
 *   ({@link EngineLauncher}).</li>
 * </ul>
 *
 * This class is the {@link VmDriver} facade: it serialises start, stop and delete and moves the driver through its
 * {@link DriverState}s; launch, adoption, supervision and stop are its parts.
 */
public final class ProcessDriver implements VmDriver {
    /** Prefix of the lines the driver writes into the engine log between runs. */
    static final String LOG_MARKER = "--- rdd:";
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ProcessDriver.class);

    private final EngineRun run;
    private final EngineRecords records;
    private final EngineLauncher launcher;
    private final EngineStopper stopper;
    private final EngineAdoption adoption;
    private final ProcessSupervisor supervisor;
    /** Serialises start, stop and delete. */
    private final ReentrantLock operations = new ReentrantLock();
    /** Bumped by every stop request before it waits for {@link #operations}, so a waiting start gives way. */
    private final AtomicInteger stopRequests = new AtomicInteger();

    public ProcessDriver(InstancePaths paths) {
        this(paths, HostEnvironment.system(), RestartPolicy.DEFAULT);
    }

    public ProcessDriver(InstancePaths paths, HostEnvironment host, RestartPolicy policy) {
        EngineLayout layout = new EngineLayout(paths);
        String inst = paths.instance().suffix();
        this.run = new EngineRun(layout, Objects.requireNonNull(host),
                new StatusHub("vm-process-" + inst + "-status", VmStatus.stopped("not started", 0)));
        this.records = new EngineRecords(layout);
        this.launcher = new EngineLauncher(layout, host);
        this.stopper = new EngineStopper(run, records);
        this.adoption = new EngineAdoption(layout, records, launcher, stopper);
        this.supervisor = new ProcessSupervisor(run, Objects.requireNonNull(policy), launcher, stopper, records, inst);
    }

    public EngineLayout layout() {
        return run.layout;
    }

    /** The PID of the engine process this driver runs or adopted, if any (for diagnostics and the GUI). */
    public OptionalLong enginePid() {
        synchronized (run) {
            return run.current == null ? OptionalLong.empty() : OptionalLong.of(run.current.handle.pid());
        }
    }

    @Override
    public DriverKind kind() {
        return DriverKind.PROCESS;
    }

    @Override
    public VmStatus status() {
        return run.hub.current();
    }

    @Override
    public ListenerRegistration addListener(VmStatusListener listener) {
        return run.hub.add(listener);
    }

    /** The machine of a process driver: the engine's directory and its default config file (what Created checks). */
    @Override
    public void create(EngineConfig cfg) throws VmException {
        try {
            launcher.createEngineDir(cfg);
        } catch (java.io.IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot create the engine dirs: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- start

    @Override
    public VmStatus start(EngineConfig cfg) throws VmException {
        Objects.requireNonNull(cfg, "config");
        operations.lock();
        try {
            int stopsSeen = stopRequests.get();
            EngineChild running;
            synchronized (run) {
                run.ensureOpen();
                running = run.current;
                if (run.state().wantsEngine() && cfg.equals(run.config) && run.hub.current().isRunning()) {
                    return run.hub.current(); // already running (or restarting after a crash) with this config
                }
            }
            if (running != null || run.pendingRestartExists()) {
                log.info("restarting the engine with a new configuration ({} -> {})", run.config, cfg);
                stopper.stopEngine(DEFAULT_STOP_TIMEOUT);
            }
            EngineCommand command;
            try {
                command = EngineCommand.forConfig(cfg, run.layout, run.host);
            } catch (VmException e) {
                run.hub.publish(run.failed(VmReason.START_FAILED, e.getMessage()));
                throw e;
            }
            synchronized (run) {
                run.become(DriverState.STARTING);
                run.config = cfg;
                run.recentExits.clear();
            }
            String daemon = cfg.engine().daemon();
            run.hub.update(s -> new VmStatus(VmPhase.STARTING, VmReason.STARTING, "starting " + daemon, s.restartCount(), Optional.empty()));
            BooleanSupplier cancelled = () -> stopRequests.get() != stopsSeen || run.isClosed();

            EngineChild child;
            try {
                EngineChild adopted = adoption.adoptOrReplace(cfg, command, cancelled);
                if (adopted == null) {
                    launcher.prepareLaunch(cfg);
                }
                child = adopted != null ? adopted : launcher.launch(cfg, command, "start");
            } catch (VmException e) {
                synchronized (run) {
                    run.become(DriverState.IDLE);
                }
                if (!cancelled.getAsBoolean()) {
                    run.hub.publish(run.failed(VmReason.START_FAILED, e.getMessage()));
                }
                throw e;
            }
            synchronized (run) {
                run.current = child;
            }
            supervisor.watch(child);
            Instant deadline = Instant.now().plus(cfg.startTimeout());
            EngineLauncher.Readiness r = EngineLauncher.awaitReady(child, launcher.probe(cfg), deadline, cancelled);
            return switch (r.outcome()) {
                case READY -> {
                    synchronized (run) {
                        child.supervised = true;
                        run.become(DriverState.RUNNING);
                    }
                    child.rememberHelpers();
                    records.write(child);
                    if (!child.isAlive()) {
                        supervisor.exited(child); // died between the ping and supervision
                    }
                    log.info("{} (pid {}) answers at {}", daemon, child.handle.pid(), run.layout.endpoint(cfg.engine()).address());
                    yield run.hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED, EngineRun.runningMessage(child, cfg),
                            s.restartCount(), Optional.of(run.layout.endpoint(cfg.engine()))));
                }
                case EXITED -> throw fail(child, daemon + " exited (" + child.exitDescription() + ") before its API answered");
                case TIMED_OUT -> {
                    stopper.terminate(child, Duration.ofSeconds(5));
                    throw fail(child, daemon + " did not answer at " + run.layout.endpoint(cfg.engine()).address() + " within "
                            + cfg.startTimeout().toSeconds() + " s (" + r.lastError() + ")");
                }
                case CANCELLED -> throw new VmException(VmReason.START_FAILED, "start of " + daemon + " was cancelled by a stop");
            };
        } finally {
            operations.unlock();
        }
    }

    /** Clears the child, publishes StartFailed with the engine's last log lines, and returns the exception to throw. */
    private VmException fail(EngineChild child, String what) {
        synchronized (run) {
            if (run.current == child) {
                run.current = null;
            }
            run.become(DriverState.IDLE);
        }
        stopper.cleanupAfterExit(child.engine, List.of());
        records.delete();
        String message = child.withLogTail(what, run.layout);
        log.error("engine start failed: {}", message);
        run.hub.publish(run.failed(VmReason.START_FAILED, message));
        return new VmException(VmReason.START_FAILED, message);
    }

    /**
     * Stops an engine of this instance that no driver runs: one a stopped service left running for the next service
     * run to adopt. For {@code svc delete}, which removes the instance: an engine left behind would run on, with its
     * data dirs gone, until the machine reboots. Returns how many engine processes it stopped.
     */
    public int stopLeftoverEngine() throws VmException {
        return adoption.stopLeftoverEngine();
    }

    // ---------------------------------------------------------------------------------------------------- stop

    @Override
    public VmStatus stop(Duration timeout) throws VmException {
        stopRequests.incrementAndGet();
        operations.lock();
        try {
            run.ensureOpen();
            return stopper.stopEngine(timeout);
        } finally {
            operations.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------------- delete, close

    @Override
    public VmStatus delete(Duration timeout) throws VmException {
        stopRequests.incrementAndGet();
        operations.lock();
        try {
            run.ensureOpen();
            VmStatus s = stopper.stopEngine(timeout);
            try {
                HostProcesses.deleteTree(run.layout.engineDir());
                HostProcesses.deleteTree(run.layout.runDir());
            } catch (IOException e) {
                throw new VmException(VmReason.STOP_FAILED, "cannot remove the engine data: " + e.getMessage(), e);
            }
            return run.hub.publish(VmStatus.stopped("engine data deleted", s.restartCount()));
        } finally {
            operations.unlock();
        }
    }

    @Override
    public void close() {
        synchronized (run) {
            if (run.isClosed()) {
                return;
            }
            run.become(DriverState.CLOSED);
            run.cancelPendingRestart();
        }
        supervisor.close();
        run.hub.close();
    }
}
