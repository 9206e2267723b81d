package io.rancherdesktop.rdd.launcher;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;

import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.logging.LogbackSetup;
import io.rancherdesktop.rdd.service.ProductServiceOptions;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd svc serve}: the service in the foreground (docs/design/upstream-cli.md §7; {@code svc start} runs it detached).
 * Holds the PID file, serves the API until SIGTERM/SIGINT, then shuts down cleanly.
 */
@Command(name = "serve", description = "Run the control-plane service in the foreground (internal; use \"svc start\").")
public final class ServeCommand implements Callable<Integer> {
    /** Additional CRD directories, separated by the path separator (like {@code --extra-crds}). */
    public static final String ENV_EXTRA_CRDS = "RDD_EXTRA_CRDS";
    /** How long a SIGTERM during the start waits for it to end before stopping what started. */
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final CliContext ctx;

    @Option(names = "--secure-port", paramLabel = "PORT",
            description = "HTTPS port on 127.0.0.1 (default 6443+index); an OS-assigned port is used when it is busy.")
    Integer securePort;

    @Option(names = "--controllers", paramLabel = "SPEC", defaultValue = "*", description = "Controllers to run (default \"*\").")
    String controllers;

    @Option(names = "-v", paramLabel = "N", defaultValue = "0", description = "Verbosity: 2 debug, 4 trace.")
    int verbosity;

    @Option(names = "--extra-crds", paramLabel = "DIR", hidden = true,
            description = "Also serve the CRDs of the YAML files in DIR (repeatable; tests). Env: " + ENV_EXTRA_CRDS + ".")
    List<Path> extraCrds = new ArrayList<>();

    @Parameters(arity = "0..*", hidden = true, paramLabel = "ARG", description = "Ignored positional arguments of args.json.")
    List<String> positional = new ArrayList<>();

    public ServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        // The service log always has the info lines (apiserver start, readiness); -v and --log-level raise it.
        LogLevel level = ctx.global().logLevel();
        LogLevel fromV = verbosity >= 4 ? LogLevel.TRACE : verbosity >= 2 ? LogLevel.DEBUG : LogLevel.INFO;
        if (fromV.ordinal() > level.ordinal()) {
            level = fromV;
        }
        LogbackSetup.setLevel(level);
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        if (!positional.isEmpty()) {
            log.warn("ignoring positional arguments {}", positional);
        }
        List<Path> crdDirs = new ArrayList<>(extraCrds);
        String env = ctx.env().get(ENV_EXTRA_CRDS);
        if (env != null && !env.isBlank()) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    crdDirs.add(Path.of(p));
                }
            }
        }
        ServiceRuntime.Options options = ProductServiceOptions.forInstance(ctx.paths().instance(),
                securePort != null ? securePort : ctx.paths().instance().apiServerPort(), controllers, crdDirs);
        log.info("starting \"{}\" control plane (apiserver, {} admission plugins)", ctx.paths().instance().name(), options.admission().size());
        // The hook is installed before the start: a SIGTERM while the controllers start (a client that saw /readyz
        // and asks the service to stop at once) waits for the start to end and then shuts down cleanly, instead of
        // the JVM's default exit 143 with the socket and the PID file left behind.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<ServiceRuntime> running = new AtomicReference<>();
        Thread hook = Thread.ofPlatform().name("rdd-shutdown").unstarted(() -> {
            log.info("shutting down \"{}\" control plane", ctx.paths().instance().name());
            try {
                if (!started.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("the control plane did not finish starting within {}; stopping anyway", START_WAIT);
                }
                ServiceRuntime r = running.get();
                if (r != null) {
                    r.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("the control plane did not shut down cleanly", e);
            }
            stopped.countDown();
            // SIGTERM/SIGINT is how the service is asked to stop: after a clean shutdown that is success (exit 0,
            // as the Go service does), not the JVM's 128+signal.
            System.err.flush();
            Runtime.getRuntime().halt(ExitCodes.OK);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            running.set(ServiceRuntime.start(ctx.paths(), options));
        } catch (ServiceRuntime.AlreadyRunningException e) {
            removeHook(hook);
            throw new CliException(ExitCodes.GENERIC, e.getMessage());
        } catch (RuntimeException e) {
            removeHook(hook);
            throw new CliException(ExitCodes.GENERIC, "cannot start the control plane: " + e.getMessage(), e);
        } finally {
            started.countDown();
        }
        log.info("\"{}\" control plane is running (pid {})", ctx.paths().instance().name(), ProcessHandle.current().pid());
        stopped.await();
        return ExitCodes.OK;
    }

    /** A failed start exits with its own code: the hook must not turn it into 0 (unless a shutdown already runs). */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already: it stops what started and exits 0, as asked
        }
    }
}
