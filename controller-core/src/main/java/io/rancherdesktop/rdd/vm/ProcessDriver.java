package io.rancherdesktop.rdd.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rancherdesktop.rdd.service.InstancePaths;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *   {@code StartFailed} and the engine's last log lines.</li>
 *   <li><b>Adoption.</b> Once the engine answers, its PID, start time and command line are recorded in
 *   {@code <dir>/engine/process.json}. A later driver for the instance (the service restarted) adopts that process
 *   if it is alive, is the same process (start time), runs the same command line and answers a ping, so there is
 *   never a second engine; otherwise it stops it and starts a fresh one.</li>
 *   <li>The engine's own output goes straight to its log file (not through the JVM), so it outlives the service.</li>
 * </ul>
 */
public final class ProcessDriver implements VmDriver {
    /** Prefix of the lines the driver writes into the engine log between runs. */
    static final String LOG_MARKER = "--- rdd:";
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ProcessDriver.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** How long an engine found running from an earlier service run gets to answer before it is replaced. */
    private static final Duration ADOPTION_GRACE = Duration.ofSeconds(20);
    private static final long LOG_ROTATE_BYTES = 20L * 1024 * 1024;

    private final EngineLayout layout;
    private final HostEnvironment host;
    private final RestartPolicy policy;
    private final StatusHub hub;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService backoffTimer;
    private final ExecutorService workers;
    /** Serialises start, stop and delete. */
    private final ReentrantLock operations = new ReentrantLock();
    /** Bumped by every stop request before it waits for {@link #operations}, so a waiting start gives way. */
    private final AtomicInteger stopRequests = new AtomicInteger();
    /** Bumped whenever the desired state changes; restart work scheduled under an older epoch does nothing. */
    private final AtomicLong epoch = new AtomicLong();

    // Guarded by "this".
    private EngineChild current;
    private EngineConfig config;
    private boolean wantRunning;
    private boolean closed;
    private int restartCount;
    private final Deque<Instant> recentExits = new ArrayDeque<>();
    private ScheduledFuture<?> pendingRestart;
    /** The last engine that died behind the driver's back; its helpers may still be dying (see stopEngine). */
    private EngineChild crashed;

    public ProcessDriver(InstancePaths paths) {
        this(paths, HostEnvironment.system(), RestartPolicy.DEFAULT);
    }

    public ProcessDriver(InstancePaths paths, HostEnvironment host, RestartPolicy policy) {
        this.layout = new EngineLayout(paths);
        this.host = Objects.requireNonNull(host);
        this.policy = Objects.requireNonNull(policy);
        String inst = paths.instance().suffix();
        this.hub = new StatusHub("vm-process-" + inst + "-status", VmStatus.stopped("not started", 0));
        this.backoffTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vm-process-" + inst + "-backoff");
            t.setDaemon(true);
            return t;
        });
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vm-process-" + inst + "-", 0).factory());
    }

    public EngineLayout layout() {
        return layout;
    }

    /** The PID of the engine process this driver runs or adopted, if any (for diagnostics and the GUI). */
    public synchronized java.util.OptionalLong enginePid() {
        return current == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(current.handle.pid());
    }

    @Override
    public DriverKind kind() {
        return DriverKind.PROCESS;
    }

    @Override
    public VmStatus status() {
        return hub.current();
    }

    @Override
    public ListenerRegistration addListener(VmStatusListener listener) {
        return hub.add(listener);
    }

    // ---------------------------------------------------------------------------------------------------- start

    @Override
    public VmStatus start(EngineConfig cfg) throws VmException {
        Objects.requireNonNull(cfg, "config");
        operations.lock();
        try {
            int stopsSeen = stopRequests.get();
            EngineChild running;
            synchronized (this) {
                ensureOpen();
                running = current;
                if (wantRunning && cfg.equals(config) && hub.current().isRunning()) {
                    return hub.current(); // already running (or restarting after a crash) with this config
                }
            }
            if (running != null || pendingRestartExists()) {
                log.info("restarting the engine with a new configuration ({} -> {})", config, cfg);
                stopEngine(DEFAULT_STOP_TIMEOUT);
            }
            EngineCommand command;
            try {
                command = EngineCommand.forConfig(cfg, layout, host);
            } catch (VmException e) {
                hub.publish(failed(VmReason.START_FAILED, e.getMessage()));
                throw e;
            }
            synchronized (this) {
                wantRunning = true;
                config = cfg;
                epoch.incrementAndGet();
                recentExits.clear();
            }
            String daemon = cfg.engine().daemon();
            hub.update(s -> new VmStatus(VmPhase.STARTING, VmReason.STARTING, "starting " + daemon, s.restartCount(), Optional.empty()));
            BooleanSupplier cancelled = () -> stopRequests.get() != stopsSeen || isClosed();

            EngineChild child;
            try {
                EngineChild adopted = adoptOrReplace(cfg, command, cancelled);
                if (adopted == null) {
                    prepareLaunch(cfg);
                }
                child = adopted != null ? adopted : launch(cfg, command, "start");
            } catch (VmException e) {
                synchronized (this) {
                    wantRunning = false;
                    epoch.incrementAndGet();
                }
                if (!cancelled.getAsBoolean()) {
                    hub.publish(failed(VmReason.START_FAILED, e.getMessage()));
                }
                throw e;
            }
            synchronized (this) {
                current = child;
            }
            watch(child);
            Instant deadline = Instant.now().plus(cfg.startTimeout());
            Readiness r = awaitReady(child, probe(cfg), deadline, cancelled);
            return switch (r.outcome()) {
                case READY -> {
                    synchronized (this) {
                        child.supervised = true;
                    }
                    child.rememberHelpers();
                    writeRecord(child);
                    if (!child.isAlive()) {
                        workers.execute(() -> onExit(child)); // died between the ping and supervision
                    }
                    log.info("{} (pid {}) answers at {}", daemon, child.handle.pid(), layout.endpoint(cfg.engine()).address());
                    yield hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED, runningMessage(child, cfg),
                            s.restartCount(), Optional.of(layout.endpoint(cfg.engine()))));
                }
                case EXITED -> throw fail(child, daemon + " exited (" + child.exitDescription() + ") before its API answered");
                case TIMED_OUT -> {
                    terminate(child, Duration.ofSeconds(5));
                    throw fail(child, daemon + " did not answer at " + layout.endpoint(cfg.engine()).address() + " within "
                            + cfg.startTimeout().toSeconds() + " s (" + r.lastError() + ")");
                }
                case CANCELLED -> throw new VmException(VmReason.START_FAILED, "start of " + daemon + " was cancelled by a stop");
            };
        } finally {
            operations.unlock();
        }
    }

    private synchronized boolean pendingRestartExists() {
        return pendingRestart != null && !pendingRestart.isDone();
    }

    private static String runningMessage(EngineChild child, EngineConfig cfg) {
        return cfg.engine().daemon() + " is running (pid " + child.handle.pid() + (child.adopted ? ", adopted" : "") + ")";
    }

    /** Clears the child, publishes StartFailed with the engine's last log lines, and returns the exception to throw. */
    private VmException fail(EngineChild child, String what) {
        synchronized (this) {
            if (current == child) {
                current = null;
            }
            wantRunning = false;
            epoch.incrementAndGet();
        }
        cleanupAfterExit(child.engine, List.of());
        deleteRecord();
        String message = withLogTail(what, child);
        log.error("engine start failed: {}", message);
        hub.publish(failed(VmReason.START_FAILED, message));
        return new VmException(VmReason.START_FAILED, message);
    }

    private String withLogTail(String what, EngineChild child) {
        Path logFile = layout.log(child.engine);
        String tail = LogTail.read(logFile, child.logOffset, LogTail.DEFAULT_LINES);
        return tail.isEmpty() ? what + " (nothing in " + logFile + ")" : what + "; last lines of " + logFile + ":\n" + tail;
    }

    private VmStatus failed(VmReason reason, String message) {
        return new VmStatus(VmPhase.FAILED, reason, message, hub.current().restartCount(), Optional.empty());
    }

    // ---------------------------------------------------------------------------------------------------- adoption

    /**
     * Looks for an engine of this instance left running by an earlier driver (service run). Adopts it when it runs
     * exactly {@code command} and answers; stops it otherwise. Returns the adopted child or null.
     */
    private EngineChild adoptOrReplace(EngineConfig cfg, EngineCommand command, BooleanSupplier cancelled) throws VmException {
        for (Orphan o : findOrphans()) {
            boolean same = o.engine == cfg.engine() && endsWith(o.arguments, command.flags());
            if (same) {
                EngineChild child = new EngineChild(o.handle, null, o.engine, command.argv(), LogTail.size(layout.log(o.engine)), true);
                Readiness r = awaitReady(child, probe(cfg), Instant.now().plus(min(ADOPTION_GRACE, cfg.startTimeout())), cancelled);
                switch (r.outcome()) {
                    case READY -> {
                        log.info("adopting the running {} (pid {}) of an earlier service run", cfg.engine().daemon(), o.handle.pid());
                        return child;
                    }
                    case CANCELLED -> throw new VmException(VmReason.START_FAILED, "start was cancelled by a stop");
                    case EXITED -> log.info("the {} of an earlier service run (pid {}) exited", o.engine.daemon(), o.handle.pid());
                    case TIMED_OUT -> {
                        log.warn("replacing the {} of an earlier service run (pid {}): it does not answer ({})",
                                o.engine.daemon(), o.handle.pid(), r.lastError());
                        stopOrphan(o);
                    }
                }
            } else {
                log.info("replacing the {} of an earlier service run (pid {}): it runs another configuration",
                        o.engine.daemon(), o.handle.pid());
                stopOrphan(o);
            }
        }
        return null;
    }

    /**
     * Stops an engine of this instance that no driver runs: one a stopped service left running for the next service
     * run to adopt. For {@code svc delete}, which removes the instance: an engine left behind would run on, with its
     * data dirs gone, until the machine reboots. Returns how many engine processes it stopped.
     */
    public int stopLeftoverEngine() throws VmException {
        List<Orphan> orphans = findOrphans();
        for (Orphan o : orphans) {
            log.info("stopping the {} (pid {}) the instance's last service run left running", o.engine.daemon(), o.handle.pid());
            stopOrphan(o);
        }
        deleteRecord();
        return orphans.size();
    }

    private void stopOrphan(Orphan o) throws VmException {
        EngineChild child = new EngineChild(o.handle, null, o.engine, o.arguments, LogTail.size(layout.log(o.engine)), true);
        if (!terminate(child, DEFAULT_STOP_TIMEOUT)) {
            throw new VmException(VmReason.START_FAILED, "cannot stop the " + o.engine.daemon() + " (pid " + o.handle.pid()
                    + ") left running by an earlier service run");
        }
        cleanupAfterExit(o.engine, List.of());
    }

    /** A live engine process of this instance that this driver did not start. */
    private record Orphan(ProcessHandle handle, EngineKind engine, List<String> arguments) {
    }

    /** Candidates: the adoption record, then dockerd's own pid file (in case the record was lost). */
    private List<Orphan> findOrphans() {
        Map<Long, Orphan> found = new LinkedHashMap<>();
        readRecord().ifPresent(rec -> {
            EngineKind engine;
            try {
                engine = EngineKind.parse(rec.engine());
            } catch (IllegalArgumentException e) {
                return;
            }
            ProcessHandle.of(rec.pid()).filter(ProcessHandle::isAlive)
                    .filter(ph -> sameStart(ph, rec.startedAt()))
                    .filter(ph -> commandLineNames(ph, layout.socket(engine)))
                    .ifPresent(ph -> found.put(ph.pid(), new Orphan(ph, engine, arguments(ph))));
        });
        readPid(layout.dockerPidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(ph -> commandLineNames(ph, layout.dockerSocket()))
                .ifPresent(ph -> found.putIfAbsent(ph.pid(), new Orphan(ph, EngineKind.MOBY, arguments(ph))));
        return new ArrayList<>(found.values());
    }

    private static boolean sameStart(ProcessHandle ph, String recorded) {
        Optional<Instant> start = ph.info().startInstant();
        if (start.isEmpty() || recorded == null) {
            return false;
        }
        try {
            // Guards against PID reuse; /proc start times are coarse, so allow a second.
            return Duration.between(Instant.parse(recorded), start.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean commandLineNames(ProcessHandle ph, Path socket) {
        return ph.info().commandLine().map(c -> c.contains(socket.toString())).orElse(false);
    }

    private static List<String> arguments(ProcessHandle ph) {
        return ph.info().arguments().map(List::of).orElse(List.of());
    }

    private static boolean endsWith(List<String> all, List<String> tail) {
        return all.size() >= tail.size() && all.subList(all.size() - tail.size(), all.size()).equals(tail);
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The adoption record in {@code <dir>/engine/process.json}. */
    record ProcessRecord(long pid, String startedAt, String engine, String socket, List<String> command) {
    }

    private void writeRecord(EngineChild child) {
        ProcessRecord rec = new ProcessRecord(child.handle.pid(),
                child.handle.info().startInstant().map(Instant::toString).orElse(null),
                child.engine.specValue(), layout.socket(child.engine).toString(), child.argv);
        try {
            Files.createDirectories(layout.stateFile().getParent());
            Path tmp = layout.stateFile().resolveSibling("process.json.tmp");
            Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(rec));
            Files.move(tmp, layout.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write {}: a service restart will not adopt the running engine", layout.stateFile(), e);
        }
    }

    private Optional<ProcessRecord> readRecord() {
        try {
            return Files.isRegularFile(layout.stateFile())
                    ? Optional.of(json.readValue(layout.stateFile().toFile(), ProcessRecord.class)) : Optional.empty();
        } catch (IOException e) {
            log.warn("ignoring unreadable {}: {}", layout.stateFile(), e.getMessage());
            return Optional.empty();
        }
    }

    private void deleteRecord() {
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            log.warn("cannot remove {}", layout.stateFile(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- launch

    /** The machine of a process driver: the engine's directory and its default config file (what Created checks). */
    @Override
    public void create(EngineConfig cfg) throws VmException {
        try {
            createEngineDir(cfg);
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot create the engine dirs: " + e.getMessage(), e);
        }
    }

    private void createEngineDir(EngineConfig cfg) throws IOException {
        Files.createDirectories(layout.engineDir());
        switch (cfg.engine()) {
            case MOBY -> writeIfAbsent(layout.dockerConfigFile(), "{}\n");
            case CONTAINERD -> writeIfAbsent(layout.containerdConfigFile(), """
                    # Written once by rdd; yours to edit. rdd passes --address, --root and --state on the command line.
                    version = 2
                    # The Kubernetes CRI plugin is not needed to run containers with nerdctl or ctr.
                    disabled_plugins = ["io.containerd.grpc.v1.cri"]
                    """);
        }
    }

    /** Creates dirs and default config files, and removes a stale socket. Refuses a socket somebody else serves. */
    private void prepareLaunch(EngineConfig cfg) throws VmException {
        Path socket = layout.socket(cfg.engine());
        try {
            createEngineDir(cfg);
            Files.createDirectories(layout.runDir());
            Files.createDirectories(socket.getParent());
            if (Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                EngineProbe p = probe(cfg);
                if (!Files.isSymbolicLink(socket) && p.check(Duration.ofSeconds(1)).isEmpty()) {
                    throw new VmException(VmReason.START_FAILED, "another engine already answers at " + socket
                            + " but it was not started by this instance's service; stop it first");
                }
                Files.delete(socket); // stale, or the external driver's alias
            }
            Files.deleteIfExists(layout.dockerPidFile()); // no live engine of ours holds it (see adoptOrReplace)
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot prepare the engine dirs: " + e.getMessage(), e);
        }
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private EngineChild launch(EngineConfig cfg, EngineCommand command, String why) throws VmException {
        Path logFile = layout.log(cfg.engine());
        long offset;
        try {
            Files.createDirectories(logFile.getParent());
            if (LogTail.size(logFile) > LOG_ROTATE_BYTES) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            offset = LogTail.size(logFile);
            Files.writeString(logFile, LOG_MARKER + " " + Instant.now() + " " + why + ": " + String.join(" ", command.fullCommand()) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot write " + logFile + ": " + e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(command.fullCommand())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectInput(Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            log.info("started {} (pid {}, {}), log {}", cfg.engine().daemon(), p.pid(), why, logFile);
            return new EngineChild(p.toHandle(), p, cfg.engine(), command.argv(), offset, false);
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot run " + command.argv().getFirst() + ": " + e.getMessage(), e);
        }
    }

    private EngineProbe probe(EngineConfig cfg) {
        return EngineProbe.forEndpoint(layout.endpoint(cfg.engine()), host);
    }

    private enum Outcome { READY, EXITED, TIMED_OUT, CANCELLED }

    private record Readiness(Outcome outcome, String lastError) {
    }

    /** Pings until the engine answers, exits, the deadline passes or the wait is cancelled. */
    private static Readiness awaitReady(EngineChild child, EngineProbe probe, Instant deadline, BooleanSupplier cancelled) {
        long backoffMs = 20;
        String lastError = "no answer yet";
        while (true) {
            if (cancelled.getAsBoolean()) {
                return new Readiness(Outcome.CANCELLED, lastError);
            }
            if (!child.isAlive()) {
                return new Readiness(Outcome.EXITED, lastError);
            }
            Optional<String> err = probe.check(PROBE_TIMEOUT);
            if (err.isEmpty()) {
                return new Readiness(Outcome.READY, "");
            }
            lastError = err.get();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return new Readiness(Outcome.TIMED_OUT, lastError);
            }
            // Nothing announces readiness, so pinging is the only way; but an exit ends the wait at once.
            try {
                child.exit.get(Math.min(backoffMs, left), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still alive (or the future failed): ping again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Readiness(Outcome.CANCELLED, "interrupted");
            }
            backoffMs = Math.min(backoffMs * 2, 250);
        }
    }

    // ---------------------------------------------------------------------------------------------------- supervision

    private void watch(EngineChild child) {
        child.exit.whenCompleteAsync((ph, err) -> onExit(child), workers);
    }

    /** An engine process ended. If it was supervised and still wanted, restart it (or give up on a crash loop). */
    private void onExit(EngineChild child) {
        String daemon = child.engine.daemon();
        synchronized (this) {
            if (closed || child != current || !child.supervised || !wantRunning) {
                return; // expected: stopped, replaced, or a start that reports the exit itself
            }
            current = null;
            crashed = child;
            Instant now = Instant.now();
            recentExits.addLast(now);
            while (!recentExits.isEmpty() && recentExits.peekFirst().isBefore(now.minus(policy.window()))) {
                recentExits.removeFirst();
            }
            int attempt = recentExits.size();
            if (attempt > policy.maxRestarts()) {
                wantRunning = false;
                epoch.incrementAndGet();
                String message = withLogTail(daemon + " keeps exiting (" + attempt + " exits within "
                        + policy.window().toSeconds() + " s, last: " + child.exitDescription()
                        + "); gave up restarting it", child);
                log.error("engine crash loop: {}", message);
                workers.execute(() -> {
                    cleanupAfterExit(child.engine, List.of());
                    deleteRecord();
                });
                hub.publish(failed(VmReason.START_FAILED, message));
                return;
            }
            Duration delay = policy.backoff(attempt);
            String message = daemon + " exited unexpectedly (" + child.exitDescription() + "); restarting in "
                    + delay.toMillis() + " ms (attempt " + attempt + " of " + policy.maxRestarts() + ")";
            log.warn(message);
            hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.RESTARTING, message, s.restartCount(), s.endpoint()));
            long e = epoch.get();
            pendingRestart = backoffTimer.schedule(() -> workers.execute(() -> restartAttempt(e, attempt, child)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restartAttempt(long scheduledEpoch, int attempt, EngineChild previous) {
        EngineChild child;
        EngineConfig cfg;
        synchronized (this) {
            if (closed || !wantRunning || epoch.get() != scheduledEpoch) {
                return;
            }
            pendingRestart = null;
            cfg = config;
        }
        // dockerd's own containerd dies with it (parent-death signal) but not instantly; a dockerd started while it
        // is still dying finds its pid file, tries to reuse it and hangs for 15 s before giving up.
        previous.awaitHelpersGone(KILL_WAIT);
        try {
            EngineCommand command = EngineCommand.forConfig(cfg, layout, host);
            synchronized (this) {
                if (closed || !wantRunning || epoch.get() != scheduledEpoch) {
                    return;
                }
                child = launch(cfg, command, "restart attempt " + attempt);
                child.supervised = true; // from here on an exit counts as the next crash
                current = child;
            }
        } catch (VmException e) {
            synchronized (this) {
                wantRunning = false;
                epoch.incrementAndGet();
            }
            hub.publish(failed(VmReason.START_FAILED, "cannot restart " + cfg.engine().daemon() + ": " + e.getMessage()));
            return;
        }
        watch(child);
        Readiness r = awaitReady(child, probe(cfg), Instant.now().plus(cfg.startTimeout()),
                () -> epoch.get() != scheduledEpoch || isClosed());
        switch (r.outcome()) {
            case READY -> {
                synchronized (this) {
                    if (current != child || epoch.get() != scheduledEpoch) {
                        return;
                    }
                    restartCount++;
                    int count = restartCount;
                    child.rememberHelpers();
                    writeRecord(child);
                    log.info("{} restarted (pid {}), restart count {}", cfg.engine().daemon(), child.handle.pid(), count);
                    hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED,
                            runningMessage(child, cfg) + "; restarted after an unexpected exit", count,
                            Optional.of(layout.endpoint(cfg.engine()))));
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

    // ---------------------------------------------------------------------------------------------------- stop

    @Override
    public VmStatus stop(Duration timeout) throws VmException {
        stopRequests.incrementAndGet();
        operations.lock();
        try {
            synchronized (this) {
                ensureOpen();
            }
            return stopEngine(timeout);
        } finally {
            operations.unlock();
        }
    }

    /** Stops the current engine, or one left by an earlier service run. Caller holds {@link #operations}. */
    private VmStatus stopEngine(Duration timeout) throws VmException {
        EngineChild child;
        synchronized (this) {
            wantRunning = false;
            epoch.incrementAndGet();
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
                pendingRestart = null;
            }
            child = current;
        }
        List<EngineChild> targets = new ArrayList<>();
        if (child != null) {
            targets.add(child);
        }
        for (Orphan o : findOrphans()) {
            if (child == null || o.handle.pid() != child.handle.pid()) {
                targets.add(new EngineChild(o.handle, null, o.engine, o.arguments, LogTail.size(layout.log(o.engine)), true));
            }
        }
        if (!targets.isEmpty()) {
            hub.update(s -> new VmStatus(VmPhase.STOPPING, VmReason.STOPPING,
                    "stopping " + targets.getFirst().engine.daemon(), s.restartCount(), Optional.empty()));
        }
        for (EngineChild t : targets) {
            if (!terminate(t, timeout)) {
                String message = withLogTail(t.engine.daemon() + " (pid " + t.handle.pid() + ") is still running after SIGKILL", t);
                hub.publish(failed(VmReason.STOP_FAILED, message));
                throw new VmException(VmReason.STOP_FAILED, message);
            }
        }
        EngineChild dead;
        synchronized (this) {
            current = null;
            dead = crashed;
            crashed = null;
        }
        if (dead != null) {
            // A stop right after a crash (before the restart ran): the dead dockerd's containerd may still be dying,
            // and a dockerd started while it lives hangs on its pid file. Stopped means all of it is gone.
            dead.awaitHelpersGone(KILL_WAIT);
        }
        for (EngineKind engine : EngineKind.values()) {
            cleanupAfterExit(engine, List.of());
        }
        deleteRecord();
        return hub.update(s -> VmStatus.stopped(targets.isEmpty() ? "not running" : targets.getFirst().engine.daemon() + " stopped",
                s.restartCount()));
    }

    /** SIGTERM, wait {@code graceful}, then SIGKILL and kill what the engine left behind. True once it is gone. */
    private boolean terminate(EngineChild child, Duration graceful) {
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
    private void cleanupAfterExit(EngineKind engine, List<ProcessHandle> formerDescendants) {
        if (!formerDescendants.isEmpty()) {
            HostProcesses.killLeftovers(formerDescendants,
                    List.of(layout.runtimeRoot(engine) + "/", layout.socket(engine).toString()));
        }
        if (host.root()) {
            HostProcesses.unmountUnder(List.of(layout.dockerDataRoot(), layout.dockerExecRoot(),
                    layout.containerdRoot(), layout.containerdState()));
        }
        try {
            Path socket = layout.socket(engine);
            if (Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(socket)) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            log.warn("cannot remove the stale engine socket: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------- delete, close

    @Override
    public VmStatus delete(Duration timeout) throws VmException {
        stopRequests.incrementAndGet();
        operations.lock();
        try {
            synchronized (this) {
                ensureOpen();
            }
            VmStatus s = stopEngine(timeout);
            try {
                HostProcesses.deleteTree(layout.engineDir());
                HostProcesses.deleteTree(layout.runDir());
            } catch (IOException e) {
                throw new VmException(VmReason.STOP_FAILED, "cannot remove the engine data: " + e.getMessage(), e);
            }
            return hub.publish(VmStatus.stopped("engine data deleted", s.restartCount()));
        } finally {
            operations.unlock();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            epoch.incrementAndGet();
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
            }
        }
        backoffTimer.shutdownNow();
        workers.shutdown();
        hub.close();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the process driver is closed");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One engine process: started by this driver (with its {@link Process}) or adopted (handle only). */
    private static final class EngineChild {
        final ProcessHandle handle;
        final Process process;
        final EngineKind engine;
        final List<String> argv;
        final long logOffset;
        final boolean adopted;
        final CompletableFuture<?> exit;
        /** Set once the driver owns the process's life: from then on an exit is a crash to restart. */
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
    }
}
