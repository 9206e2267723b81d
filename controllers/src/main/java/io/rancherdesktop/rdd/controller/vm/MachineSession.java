package io.rancherdesktop.rdd.controller.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.vm.DriverKind;
import io.rancherdesktop.rdd.vm.DriverSelector;
import io.rancherdesktop.rdd.vm.EngineConfig;
import io.rancherdesktop.rdd.vm.ExternalDriver;
import io.rancherdesktop.rdd.vm.LimaDriver;
import io.rancherdesktop.rdd.vm.ProcessDriver;
import io.rancherdesktop.rdd.vm.VmDriver;
import io.rancherdesktop.rdd.vm.VmException;
import io.rancherdesktop.rdd.vm.VmReason;
import io.rancherdesktop.rdd.vm.VmStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One VirtualMachine's driver and the driver operations applied to it. Driver calls block (a start waits until the
 * engine answers, up to its start timeout), so they run one at a time on the session's own thread, never on a
 * reconcile thread: a reconcile only looks at the session and queues work. Every change (an operation finished, the
 * driver reported a new status) calls {@code changed}, which triggers a reconcile of the VirtualMachine.
 */
final class MachineSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MachineSession.class);

    private final String name;
    private final InstancePaths paths;
    private final DriverSelector selector;
    private final Map<String, String> env;
    private final Duration stopTimeout;
    private final Runnable changed;
    private final ExecutorService operations;

    // Guarded by "this".
    private VmDriver driver;
    private DriverKind driverRequestedAs;
    private VmDriver.ListenerRegistration listener;
    private MachineTarget inFlight;
    private boolean quiet;
    private boolean begun;
    private MachineOutcome lastOutcome;
    private boolean tearingDown;
    private boolean tornDown;
    private int driverRestartsSeen;
    private boolean closed;

    MachineSession(String name, InstancePaths paths, DriverSelector selector, Map<String, String> env,
                   Duration stopTimeout, Runnable changed) {
        this.name = name;
        this.paths = paths;
        this.selector = selector;
        this.env = env;
        this.stopTimeout = stopTimeout;
        this.changed = changed;
        this.operations = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vm-" + name + "-driver").factory());
    }

    /** A snapshot for {@link MachineStatusView}. */
    synchronized MachineObservation observe(MachineTarget target) {
        return new MachineObservation(target, Optional.ofNullable(inFlight), begun, quiet, Optional.ofNullable(lastOutcome),
                driver == null ? Optional.empty() : Optional.of(driver.status()), created());
    }

    /** The driver's kind while the machine has one ({@code auto} resolved). */
    synchronized Optional<DriverKind> driverKind() {
        return Optional.ofNullable(driver).map(VmDriver::kind);
    }

    synchronized Optional<String> dockerEndpoint() {
        return Optional.ofNullable(driver).flatMap(VmDriver::dockerEndpoint);
    }

    /** How many crash-restarts the driver did since the last call (for {@code status.restartCount}). */
    synchronized int takeDriverRestarts() {
        if (driver == null) {
            return 0;
        }
        int now = driver.status().restartCount();
        int delta = Math.max(0, now - driverRestartsSeen);
        driverRestartsSeen = now;
        return delta;
    }

    /**
     * Queues the driver operation for {@code target}. A stop requested while a start is still waiting for the engine
     * cancels that start (the driver gives way to a stop), so {@code rdd stop} never waits for a start timeout.
     *
     * @param confirm the status already shows {@code target} as applied: don't show intermediate states
     */
    synchronized void apply(MachineTarget target, boolean confirm) {
        if (closed || tearingDown || target.equals(inFlight)) {
            return;
        }
        MachineTarget previous = inFlight;
        inFlight = target;
        quiet = confirm;
        begun = false;
        if (previous != null && previous.running() && driver != null) {
            VmDriver d = driver;
            // Outside the operation thread, which is busy with the start this stop cancels.
            Thread.ofVirtual().name("vm-" + name + "-cancel").start(() -> cancelStart(d));
        }
        operations.execute(() -> runApply(target));
    }

    private void cancelStart(VmDriver d) {
        try {
            d.stop(stopTimeout);
        } catch (VmException | IllegalStateException e) {
            log.debug("stopping VirtualMachine {} to cancel its start: {}", name, e.getMessage());
        }
    }

    private void runApply(MachineTarget target) {
        synchronized (this) {
            if (closed || tearingDown || !target.equals(inFlight)) {
                return; // superseded by a newer target (or a teardown) while queued
            }
            begun = true;
        }
        MachineOutcome outcome;
        try {
            outcome = target.running() ? start(target) : stop(target);
        } catch (RuntimeException e) {
            log.error("VirtualMachine {}: driver operation failed", name, e);
            outcome = MachineOutcome.failed(target, target.running() ? VmReason.START_FAILED : VmReason.STOP_FAILED,
                    e.toString());
        }
        synchronized (this) {
            if (target.equals(inFlight)) {
                inFlight = null;
                quiet = false;
            }
            lastOutcome = outcome;
        }
        changed.run();
    }

    private MachineOutcome start(MachineTarget target) {
        EngineConfig config;
        try {
            config = EngineConfig.fromEnvironment(target.engine(), target.socket().orElse(null), env);
        } catch (IllegalArgumentException e) {
            return MachineOutcome.cannotCreate(target, e.getMessage());
        }
        VmDriver d;
        try {
            d = driverFor(target, config);
        } catch (VmException e) {
            return MachineOutcome.cannotCreate(target, e.getMessage());
        } catch (StopFailure e) {
            return MachineOutcome.failed(target, VmReason.STOP_FAILED, e.getMessage());
        }
        try {
            VmStatus s = d.start(config);
            log.info("VirtualMachine {}: {}", name, s.message());
            return MachineOutcome.succeeded(target);
        } catch (VmException e) {
            return MachineOutcome.failed(target, e.reason(), e.getMessage());
        }
    }

    private MachineOutcome stop(MachineTarget target) {
        VmDriver d;
        try {
            d = driverFor(target, EngineConfig.of(target.engine()));
        } catch (VmException e) {
            // No way to run an engine here, so none runs: stopped.
            log.debug("VirtualMachine {}: no driver to stop ({})", name, e.getMessage());
            return MachineOutcome.succeeded(target);
        } catch (StopFailure e) {
            return MachineOutcome.failed(target, VmReason.STOP_FAILED, e.getMessage());
        }
        try {
            VmStatus s = d.stop(stopTimeout);
            log.info("VirtualMachine {}: {}", name, s.message());
        } catch (VmException e) {
            return MachineOutcome.failed(target, e.reason(), e.getMessage());
        }
        createStopped(d, target);
        return MachineOutcome.succeeded(target);
    }

    /**
     * Creates the machine of a stopped target (docs/app-controller.md, "When the machine is created"): it exists, and
     * {@code Created} is True, from the first reconcile on, even while {@code spec.running=false}, as upstream creates
     * its VM eagerly. A failure leaves {@code Created} Unknown (the next start creates it or reports why not); the
     * stop itself succeeded.
     */
    private void createStopped(VmDriver d, MachineTarget target) {
        EngineConfig config;
        try {
            config = EngineConfig.fromEnvironment(target.engine(), target.socket().orElse(null), env);
        } catch (IllegalArgumentException e) {
            config = EngineConfig.of(target.engine()); // the start reports the bad setting
        }
        try {
            d.create(config);
        } catch (VmException e) {
            log.warn("VirtualMachine {}: cannot create the machine while stopped: {}", name, e.getMessage());
        }
    }

    /** A stop of the previous driver failed while switching drivers. */
    private static final class StopFailure extends Exception {
        StopFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The driver for {@code target}: the current one if the requested driver is unchanged, else a new one (after
     * stopping the engine of the old one, so two engines never run for one instance).
     */
    private VmDriver driverFor(MachineTarget target, EngineConfig config) throws VmException, StopFailure {
        VmDriver old;
        synchronized (this) {
            if (driver != null && driverRequestedAs == target.driver()) {
                return driver;
            }
            old = driver;
        }
        if (old != null) {
            log.info("VirtualMachine {}: switching from the {} driver to {}", name, old.kind().specValue(), target.driver().specValue());
            try {
                old.stop(stopTimeout);
            } catch (VmException e) {
                throw new StopFailure("cannot stop the engine of the " + old.kind().specValue() + " driver: " + e.getMessage(), e);
            }
            detach();
        }
        DriverSelector.Choice choice = selector.choose(target.driver(), config);
        log.info("VirtualMachine {}: using the {} driver ({})", name, choice.kind().specValue(), choice.reason());
        VmDriver created = selector.create(choice);
        synchronized (this) {
            driver = created;
            driverRequestedAs = target.driver();
            driverRestartsSeen = created.status().restartCount();
            listener = created.addListener((previous, current) -> changed.run());
        }
        return created;
    }

    /**
     * Stops the engine and removes what the driver made for it where that is the machine's identity (lima: the VM
     * instance); a local engine's data stays, as Docker's would. Idempotent; the result is reported through
     * {@link #tornDown()} and {@code changed}.
     */
    synchronized void tearDown(MachineTarget target) {
        if (closed || tearingDown) {
            return;
        }
        tearingDown = true;
        MachineTarget stopped = target.stopped();
        MachineTarget previous = inFlight;
        inFlight = stopped;
        quiet = false;
        begun = false;
        if (previous != null && previous.running() && driver != null) {
            VmDriver d = driver;
            Thread.ofVirtual().name("vm-" + name + "-cancel").start(() -> cancelStart(d));
        }
        operations.execute(() -> runTearDown(stopped));
    }

    private void runTearDown(MachineTarget stopped) {
        MachineOutcome outcome;
        try {
            VmDriver d;
            try {
                d = driverFor(stopped, EngineConfig.of(stopped.engine()));
            } catch (VmException e) {
                d = null; // nothing can run here, so nothing runs
            }
            if (d instanceof LimaDriver) {
                d.delete(stopTimeout);
            } else if (d != null) {
                d.stop(stopTimeout);
            }
            outcome = MachineOutcome.succeeded(stopped);
        } catch (VmException e) {
            outcome = MachineOutcome.failed(stopped, e.reason(), e.getMessage());
        } catch (StopFailure e) {
            outcome = MachineOutcome.failed(stopped, VmReason.STOP_FAILED, e.getMessage());
        } catch (RuntimeException e) {
            log.error("VirtualMachine {}: teardown failed", name, e);
            outcome = MachineOutcome.failed(stopped, VmReason.STOP_FAILED, e.toString());
        }
        synchronized (this) {
            inFlight = null;
            lastOutcome = outcome;
            tornDown = outcome.failure().isEmpty();
            tearingDown = tornDown; // a failed teardown may be retried by the next cleanup
        }
        changed.run();
    }

    synchronized boolean tornDown() {
        return tornDown;
    }

    synchronized boolean busy() {
        return inFlight != null;
    }

    /** Whether the driver's instance exists, per driver (the sealed set of {@link VmDriver}). */
    private boolean created() {
        if (driver == null) {
            return false;
        }
        return switch (driver) {
            case ProcessDriver p -> Files.isDirectory(p.layout().engineDir());
            case ExternalDriver e -> true; // nothing to create: the engine is somebody else's
            case LimaDriver l -> Files.isDirectory(paths.limaHome().resolve(LimaDriver.INSTANCE));
        };
    }

    private synchronized void detach() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (driver != null) {
            driver.close();
            driver = null;
            driverRequestedAs = null;
        }
    }

    /**
     * Detaches from the engine without stopping it (the service is shutting down; the next service run adopts
     * the engine). Waits briefly for a running operation to finish so no driver call races the shutdown.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        operations.shutdown();
        try {
            if (!operations.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                operations.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        detach();
    }

    @Override
    public String toString() {
        return "MachineSession[" + name + "]";
    }
}
