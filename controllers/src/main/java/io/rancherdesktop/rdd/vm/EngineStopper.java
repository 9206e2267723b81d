package io.rancherdesktop.rdd.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops engines for the {@link ProcessDriver}: the one it runs and any an earlier service run left behind (SIGTERM,
 * then SIGKILL and the leftovers a hard kill leaves), and cleans up after them (mounts, the stale socket).
 */
final class EngineStopper {
    /** How long a killed engine, or the helpers of a dead one, get to go away. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(EngineStopper.class);

    private final EngineRun run;
    private final EngineRecords records;

    EngineStopper(EngineRun run, EngineRecords records) {
        this.run = run;
        this.records = records;
    }

    /** Stops the current engine, or one left by an earlier service run. Caller holds the driver's operations lock. */
    VmStatus stopEngine(Duration timeout) throws VmException {
        EngineChild child;
        synchronized (run) {
            run.become(DriverState.STOPPING);
            run.cancelPendingRestart();
            child = run.current;
        }
        List<EngineChild> targets = new ArrayList<>();
        if (child != null) {
            targets.add(child);
        }
        for (EngineRecords.Orphan o : records.findOrphans()) {
            if (child == null || o.handle().pid() != child.handle.pid()) {
                targets.add(o.asChild(o.arguments(), run.layout));
            }
        }
        if (!targets.isEmpty()) {
            run.hub.update(s -> new VmStatus(VmPhase.STOPPING, VmReason.STOPPING,
                    "stopping " + targets.getFirst().engine.daemon(), s.restartCount(), Optional.empty()));
        }
        for (EngineChild t : targets) {
            if (!terminate(t, timeout)) {
                String message = t.withLogTail(t.engine.daemon() + " (pid " + t.handle.pid() + ") is still running after SIGKILL", run.layout);
                run.hub.publish(run.failed(VmReason.STOP_FAILED, message));
                throw new VmException(VmReason.STOP_FAILED, message);
            }
        }
        EngineChild dead;
        synchronized (run) {
            run.current = null;
            dead = run.crashed;
            run.crashed = null;
            run.become(DriverState.IDLE);
        }
        if (dead != null) {
            // A stop right after a crash (before the restart ran): the dead dockerd's containerd may still be dying,
            // and a dockerd started while it lives hangs on its pid file. Stopped means all of it is gone.
            dead.awaitHelpersGone(KILL_WAIT);
        }
        for (EngineKind engine : EngineKind.values()) {
            cleanupAfterExit(engine, List.of());
        }
        records.delete();
        return run.hub.update(s -> VmStatus.stopped(targets.isEmpty() ? "not running" : targets.getFirst().engine.daemon() + " stopped",
                s.restartCount()));
    }

    /** Stops an engine of this instance that no driver runs (one an earlier service run left running). */
    void stopOrphan(EngineRecords.Orphan o) throws VmException {
        EngineChild child = o.asChild(o.arguments(), run.layout);
        if (!terminate(child, ProcessDriver.DEFAULT_STOP_TIMEOUT)) {
            throw new VmException(VmReason.START_FAILED, "cannot stop the " + o.engine().daemon() + " (pid " + o.handle().pid()
                    + ") left running by an earlier service run");
        }
        cleanupAfterExit(o.engine(), List.of());
    }

    /** SIGTERM, wait {@code graceful}, then SIGKILL and kill what the engine left behind. True once it is gone. */
    boolean terminate(EngineChild child, Duration graceful) {
        if (!child.isAlive()) {
            return true;
        }
        List<ProcessHandle> tree = new ArrayList<>(child.handle.descendants().toList());
        log.info("stopping {} (pid {})", child.engine.daemon(), child.handle.pid());
        child.handle.destroy();
        if (HostProcesses.awaitExit(child.handle, graceful)) {
            return true;
        }
        log.warn("{} (pid {}) did not stop within {} s; killing it", child.engine.daemon(), child.handle.pid(), graceful.toSeconds());
        tree.addAll(child.handle.descendants().toList());
        child.handle.destroyForcibly();
        boolean gone = HostProcesses.awaitExit(child.handle, KILL_WAIT);
        cleanupAfterExit(child.engine, tree);
        return gone;
    }

    /**
     * After an engine is gone: kill its leftovers (only after a hard kill do they exist: containerd and shims),
     * unmount what it left mounted, and remove its stale socket.
     */
    void cleanupAfterExit(EngineKind engine, List<ProcessHandle> formerDescendants) {
        EngineLayout layout = run.layout;
        if (!formerDescendants.isEmpty()) {
            HostProcesses.killLeftovers(formerDescendants,
                    List.of(layout.runtimeRoot(engine) + "/", layout.socket(engine).toString()));
        }
        if (run.host.root()) {
            HostProcesses.unmountUnder(List.of(layout.dockerDataRoot(), layout.dockerExecRoot(),
                    layout.containerdRoot(), layout.containerdState()));
        }
        try {
            Path socket = layout.socket(engine);
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(socket)) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            log.warn("cannot remove the stale engine socket: {}", e.getMessage());
        }
    }
}
