package io.rancherdesktop.rdd.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One engine process of the {@link ProcessDriver}: started by this driver (with its {@link Process}) or adopted (handle only). */
final class EngineChild {
    private static final Logger log = LoggerFactory.getLogger(EngineChild.class);

    final ProcessHandle handle;
    final Process process;
    final EngineKind engine;
    final List<String> argv;
    final long logOffset;
    final boolean adopted;
    final CompletableFuture<?> exit;
    /** Set once the driver owns the process's life: from then on an exit is a crash to restart. Guarded by the {@link EngineRun}. */
    boolean supervised;
    /** The engine's own helper processes (dockerd's containerd), seen once it answered. */
    private volatile List<ProcessHandle> helpers = List.of();

    EngineChild(ProcessHandle handle, Process process, EngineKind engine, List<String> argv, long logOffset, boolean adopted) {
        this.handle = handle;
        this.process = process;
        this.engine = engine;
        this.argv = List.copyOf(argv);
        this.logOffset = logOffset;
        this.adopted = adopted;
        // An adopted process is not our child: the JDK can only watch it through its handle.
        this.exit = process != null ? process.onExit() : handle.onExit();
    }

    boolean isAlive() {
        return process != null ? process.isAlive() : handle.isAlive();
    }

    void rememberHelpers() {
        helpers = handle.descendants().toList();
    }

    /** Waits for the helpers to die with the engine; kills those that do not within {@code timeout}. */
    void awaitHelpersGone(Duration timeout) {
        for (ProcessHandle h : helpers) {
            if (!HostProcesses.awaitExit(h, timeout)) {
                log.warn("killing {} (pid {}) left by the dead {}", h.info().command().orElse("?"), h.pid(), engine.daemon());
                h.destroyForcibly();
                HostProcesses.awaitExit(h, timeout);
            }
        }
    }

    String exitDescription() {
        if (process == null) {
            return "exit status unknown: not started by this service run";
        }
        if (process.isAlive()) {
            return "still running";
        }
        int code = process.exitValue();
        return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
    }

    /** {@code what}, followed by what this engine wrote to its log since it started. */
    String withLogTail(String what, EngineLayout layout) {
        Path logFile = layout.log(engine);
        String tail = LogTail.read(logFile, logOffset, LogTail.DEFAULT_LINES);
        return tail.isEmpty() ? what + " (nothing in " + logFile + ")" : what + "; last lines of " + logFile + ":\n" + tail;
    }
}
