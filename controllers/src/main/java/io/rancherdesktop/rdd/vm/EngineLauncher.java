package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.wire.Poll;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the engine for the {@link ProcessDriver}: prepares its dirs and config, starts it with its output
 * appended to its log file (not through the JVM, so it outlives the service), and waits until its API answers.
 */
final class EngineLauncher {
    private static final Logger log = LoggerFactory.getLogger(EngineLauncher.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final long LOG_ROTATE_BYTES = 20L * 1024 * 1024;
    /** Pings while an engine comes up: 20 ms doubling to 250 ms. */
    private static final Backoff PING_BACKOFF = new Backoff(Duration.ofMillis(20), Duration.ofMillis(250));

    private final EngineLayout layout;
    private final HostEnvironment host;

    EngineLauncher(EngineLayout layout, HostEnvironment host) {
        this.layout = layout;
        this.host = host;
    }

    /** The machine of a process driver: the engine's directory and its default config file (what Created checks). */
    void createEngineDir(EngineConfig cfg) throws IOException {
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
    void prepareLaunch(EngineConfig cfg) throws VmException {
        Path socket = layout.socket(cfg.engine());
        try {
            createEngineDir(cfg);
            Files.createDirectories(layout.runDir());
            Files.createDirectories(socket.getParent());
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                EngineProbe p = probe(cfg);
                if (!Files.isSymbolicLink(socket) && p.check(Duration.ofSeconds(1)).isEmpty()) {
                    throw new VmException(VmReason.START_FAILED, "another engine already answers at " + socket
                            + " but it was not started by this instance's service; stop it first");
                }
                Files.delete(socket); // stale, or the external driver's alias
            }
            Files.deleteIfExists(layout.dockerPidFile()); // no live engine of ours holds it (see EngineAdoption)
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot prepare the engine dirs: " + e.getMessage(), e);
        }
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    EngineChild launch(EngineConfig cfg, EngineCommand command, String why) throws VmException {
        Path logFile = layout.log(cfg.engine());
        long offset;
        try {
            Files.createDirectories(logFile.getParent());
            if (LogTail.size(logFile) > LOG_ROTATE_BYTES) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            offset = LogTail.size(logFile);
            Files.writeString(logFile, ProcessDriver.LOG_MARKER + " " + Instant.now() + " " + why + ": "
                            + String.join(" ", command.fullCommand()) + "\n",
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

    EngineProbe probe(EngineConfig cfg) {
        return EngineProbe.forEndpoint(layout.endpoint(cfg.engine()), host);
    }

    enum Outcome { READY, EXITED, TIMED_OUT, CANCELLED }

    record Readiness(Outcome outcome, String lastError) {
    }

    /** Pings until the engine answers, exits, the deadline passes or the wait is cancelled. */
    static Readiness awaitReady(EngineChild child, EngineProbe probe, Instant deadline, BooleanSupplier cancelled) {
        Poll.Result<Outcome> r = Poll.until(() -> {
            if (cancelled.getAsBoolean()) {
                return Poll.Attempt.done(Outcome.CANCELLED);
            }
            if (!child.isAlive()) {
                return Poll.Attempt.done(Outcome.EXITED);
            }
            Optional<String> err = probe.check(PROBE_TIMEOUT);
            return err.isEmpty() ? Poll.Attempt.done(Outcome.READY) : Poll.Attempt.notYet(err.get());
        }, deadline, PING_BACKOFF, delay -> {
            // Nothing announces readiness, so pinging is the only way; but an exit ends the wait at once.
            try {
                child.exit.get(delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still alive (or the future failed): ping again
            }
        });
        return switch (r) {
            case Poll.Result.Done<Outcome> d -> new Readiness(d.value(), d.value() == Outcome.READY ? "" : "no answer yet");
            case Poll.Result.TimedOut<Outcome> t -> new Readiness(Outcome.TIMED_OUT, t.lastReason());
            case Poll.Result.Interrupted<Outcome> i -> new Readiness(Outcome.CANCELLED, "interrupted");
        };
    }
}
