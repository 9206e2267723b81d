package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.DiscoveryCache;
import io.rancherdesktop.rdd.wire.HttpRequest;
import io.rancherdesktop.rdd.wire.HttpResponse;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import io.rancherdesktop.rdd.instance.ArgsFile;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.LaunchRecord;
import io.rancherdesktop.rdd.instance.ServiceArgs;
import io.rancherdesktop.rdd.instance.ServiceCommandLine;
import io.rancherdesktop.rdd.instance.ServiceLauncher;
import io.rancherdesktop.rdd.instance.ServiceStatus;
import io.rancherdesktop.rdd.instance.ServiceTermination;
import io.rancherdesktop.rdd.instance.DockerCliContext;
import io.rancherdesktop.rdd.instance.LeftoverEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of this instance's control-plane service as the CLI drives it (docs/design/upstream-cli.md §4 and §7): create,
 * start (detached, then wait for {@code /readyz}), stop, delete, and the automatic start that every command
 * needing the API runs first. Messages are the info-level log lines of docs/design/upstream-cli.md §7.
 */
public final class ServiceControl {
    /** The automatic start's cap, independent of a command's own {@code --timeout} (docs/design/upstream-cli.md §4). */
    public static final Duration AUTO_START_CAP = Duration.ofSeconds(90);
    static final String DEADLINE_EXCEEDED = "context deadline exceeded";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(ServiceControl.class);

    private final CliContext ctx;
    private final InstancePaths paths;
    private final String quotedName;
    private final ServiceCommandLine serviceCommandLine;

    public ServiceControl(CliContext ctx) {
        this(ctx, null);
    }

    /** @param serviceCommandLine how to run the service; null: {@code rdd svc serve} in a JVM like this one */
    ServiceControl(CliContext ctx, ServiceCommandLine serviceCommandLine) {
        this.ctx = ctx;
        this.paths = ctx.paths();
        this.quotedName = Json.quote(paths.instance().name());
        this.serviceCommandLine = serviceCommandLine;
    }

    /** {@code "rancher-desktop-<suffix>"} with the quotes, as in every message. */
    public String quotedName() {
        return quotedName;
    }

    public ServiceStatus status() {
        return ServiceStatus.of(paths);
    }

    /** {@code svc create}: writes args.json unless the instance exists. Returns whether it created it. */
    public boolean create(List<String> positional, String controllers, Integer securePort) {
        if (status().created()) {
            log.info("{} control plane already exists", quotedName);
            return false;
        }
        List<String> args = ServiceArgs.forCreate(paths.instance(), positional, controllers, securePort, ctx.global().logLevel().verbosity());
        ArgsFile.write(paths.argsFile(), args);
        log.info("successfully created {} control plane", quotedName);
        return true;
    }

    /**
     * {@code svc start}: creates the instance if needed and starts the service unless it runs; then waits for
     * readiness if asked.
     *
     * @param controllers one-off {@code --controllers} for this run, or null
     * @param securePort  one-off {@code --secure-port} for this run, or null
     * @param timeout     the wait's deadline; zero waits forever
     */
    public void start(boolean wait, Duration timeout, String controllers, Integer securePort) {
        Instant deadline = deadline(timeout);
        if (!status().created()) {
            create(List.of(), null, null);
        }
        ServiceStatus st = status();
        Process launched = null;
        if (st.running()) {
            log.info("{} control plane is already running", quotedName);
        } else {
            launched = launch(controllers, securePort);
        }
        if (!wait) {
            log.info("{} control plane is starting", quotedName);
            return;
        }
        try (TerminalProgress p = TerminalProgress.start("waiting for " + quotedName + " control plane to be ready")) {
            awaitReady(deadline, launched);
        }
        log.info("{} control plane is ready", quotedName);
    }

    private Process launch(String controllers, Integer securePort) {
        List<String> saved = ArgsFile.read(paths.argsFile()).orElseThrow(
                () -> new CliException(ExitCodes.GENERIC, quotedName + " control plane does not exist"));
        List<String> args = ServiceArgs.withOverrides(saved, controllers, securePort, ctx.global().logLevel().verbosity());
        ServiceCommandLine cmd = serviceCommandLine != null ? serviceCommandLine : ServiceCommandLine.ofCurrentJvm(ServiceCommandLine.SERVICE_MAIN, ctx.env());
        ServiceLauncher launcher = new ServiceLauncher(paths, cmd, ctx.env());
        log.info("starting {} control plane", quotedName);
        log.debug("service command: {}", launcher.command(args));
        new DiscoveryCache(paths.cliCache()).clear();
        try {
            return launcher.launch(args);
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot start " + quotedName + " control plane: " + e.getMessage(), e);
        }
    }

    /**
     * The automatic service start of docs/design/upstream-cli.md §4: create with defaults if absent, start if stopped, and wait
     * for readiness, all within {@link #AUTO_START_CAP}. Once readiness has been seen for this run of the service
     * (recorded in the CLI cache) it returns without a request.
     */
    public ServiceStatus ensureReady() {
        ServiceStatus st = status();
        if (st.running() && new DiscoveryCache(paths.cliCache()).load(st.runId().orElseThrow()).isPresent()) {
            return st;
        }
        Instant deadline = Instant.now().plus(AUTO_START_CAP);
        if (!st.created()) {
            create(List.of(), null, null);
        }
        Process launched = null;
        if (!st.running()) {
            launched = launch(null, null);
        }
        try (TerminalProgress p = TerminalProgress.start("waiting for " + quotedName + " control plane to be ready")) {
            awaitReady(deadline, launched);
        }
        return status();
    }

    /** Waits until {@code /readyz} answers 200, the deadline passes (exit 4) or the service dies (exit 1). */
    void awaitReady(Instant deadline, Process launched) {
        UnixHttpClient http = client();
        while (true) {
            if (probe(http, deadline)) {
                ServiceStatus st = status();
                st.runId().ifPresent(id -> {
                    DiscoveryCache cache = new DiscoveryCache(paths.cliCache());
                    if (cache.load(id).isEmpty()) {
                        cache.store(id, null);
                    }
                });
                return;
            }
            if (launched != null && !launched.isAlive() && !status().running()) {
                throw new CliException(ExitCodes.GENERIC, quotedName + " control plane exited with code " + launched.exitValue()
                        + " before it was ready" + lastErrorLine().map(l -> ": " + l).orElse("") + " (log: " + paths.stderrLog() + ")");
            }
            if (launched == null && !status().running()) {
                throw new CliException(ExitCodes.GENERIC, quotedName + " control plane stopped while waiting for it to be ready (log: "
                        + paths.stderrLog() + ")");
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new CliException(ExitCodes.DEADLINE, "timed out waiting for " + quotedName + " control plane to be ready: " + DEADLINE_EXCEEDED);
            }
            pause(launched, left.compareTo(PROBE_INTERVAL) < 0 ? left : PROBE_INTERVAL);
        }
    }

    /** Sleeps between probes, waking at once if the launched process exits. */
    private static void pause(Process launched, Duration d) {
        try {
            if (launched != null) {
                launched.onExit().get(d.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                Thread.sleep(d);
            }
        } catch (TimeoutException | ExecutionException ignored) {
            // next probe
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "interrupted");
        }
    }

    /** One {@code GET /readyz}. */
    private boolean probe(UnixHttpClient http, Instant deadline) {
        if (!Files.exists(http.socket())) {
            return false;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        Duration t = left.compareTo(PROBE_TIMEOUT) < 0 ? left : PROBE_TIMEOUT;
        if (t.isNegative() || t.isZero()) {
            return false;
        }
        try {
            HttpResponse r = http.send(HttpRequest.get("/readyz"), t);
            if (r.status() != 200) {
                log.debug("/readyz: {} {}", r.status(), r.bodyText().strip());
            }
            return r.status() == 200;
        } catch (IOException e) {
            log.trace("/readyz: {}", e.toString());
            return false;
        }
    }

    public UnixHttpClient client() {
        // No version in the user agent: reading version.properties from the jar costs the hot path a few ms.
        return new UnixHttpClient(paths.apiSocket(), "rdd");
    }

    private Optional<String> lastErrorLine() {
        try {
            List<String> lines = Files.readAllLines(paths.stderrLog());
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty()) {
                    return Optional.of(l);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no log to quote
        }
        return Optional.empty();
    }

    /** {@code svc stop}. */
    public void stop(boolean wait, Duration timeout) {
        ServiceStatus st = status();
        if (!st.created() && !st.running()) {
            log.info("{} control plane does not exist", quotedName);
            return;
        }
        if (!st.running()) {
            log.info("{} control plane is already stopped", quotedName);
            return;
        }
        stopRunning(st, wait, timeout);
    }

    /** The PID file to watch while a service stops; none for one still starting up (it does not hold it yet). */
    private Path pidFileOf(ServiceStatus st) {
        return st.starting() ? null : paths.pidFile();
    }

    private void stopRunning(ServiceStatus st, boolean wait, Duration timeout) {
        ServiceTermination.Outcome outcome;
        try (TerminalProgress p = wait ? TerminalProgress.start("waiting for " + quotedName + " control plane to stop") : TerminalProgress.none()) {
            outcome = ServiceTermination.stop(pidFileOf(st), st.pid().getAsLong(), timeout, wait);
        }
        switch (outcome) {
            case SIGNALLED -> log.info("{} control plane is stopping", quotedName);
            case STOPPED, NOT_RUNNING -> {
                LaunchRecord.clear(paths.launchFile());
                removeQuietly(paths.config());
                log.info("{} control plane has stopped", quotedName);
            }
            case KILLED -> throw new CliException(ExitCodes.DEADLINE,
                    "timed out waiting for " + quotedName + " control plane to stop (it was killed): " + DEADLINE_EXCEEDED);
        }
    }

    /** {@code svc delete}: stop, then remove dir and short_dir (and log_dir unless RDD_KEEP_LOGS). */
    public void delete(Duration timeout) {
        ServiceStatus st = status();
        if (!st.created() && !st.running() && !Files.exists(paths.dir()) && !Files.exists(paths.shortDir())) {
            log.info("{} control plane does not exist", quotedName);
            return;
        }
        if (st.running()) {
            ServiceTermination.Outcome outcome;
            try (TerminalProgress p = TerminalProgress.start("waiting for " + quotedName + " control plane to stop")) {
                outcome = ServiceTermination.stop(pidFileOf(st), st.pid().getAsLong(), timeout, true);
            }
            if (outcome == ServiceTermination.Outcome.KILLED) {
                throw new CliException(ExitCodes.DEADLINE, "timed out waiting for " + quotedName
                        + " control plane to stop; keeping " + paths.dir() + ": " + DEADLINE_EXCEEDED);
            }
        }
        stopLeftoverEngine();
        removeDockerContext();
        deleteTree(paths.dir());
        deleteTree(paths.shortDir());
        if (!ServiceLauncher.keepLogs(ctx.env())) {
            deleteTree(paths.logDir());
        }
        log.info("{} control plane has been deleted", quotedName);
    }

    /**
     * The process driver's engine outlives a service stop on purpose (the next service run adopts it); deleting the
     * instance stops it, or it would run on with its data dirs gone.
     */
    private void stopLeftoverEngine() {
        LeftoverEngines leftovers = LeftoverEngines.find().orElse(null);
        if (leftovers == null) {
            log.warn("no engine driver on the class path: an engine left running by {} is not stopped", quotedName);
            return;
        }
        try {
            leftovers.stop(paths);
        } catch (Exception e) {
            throw new CliException(ExitCodes.GENERIC, "cannot stop the engine of " + quotedName + " control plane; keeping "
                    + paths.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The instance's Docker CLI context goes with it; what was current before it is restored (docs/engine-mirroring.md). */
    private void removeDockerContext() {
        try {
            DockerCliContext.of(paths, ctx.env()).remove();
        } catch (IOException e) {
            log.warn("cannot remove the Docker CLI context {}: {}", paths.instance().contextName(), e.getMessage());
        }
    }

    static Instant deadline(Duration timeout) {
        return timeout == null || timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
    }

    private static void removeQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", p, e.toString());
        }
    }

    /** Removes a directory tree without following symlinks; a missing tree is fine. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null && !(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot remove " + root + ": " + e.getMessage(), e);
        }
    }
}
