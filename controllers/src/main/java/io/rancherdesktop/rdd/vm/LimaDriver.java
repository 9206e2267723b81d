package io.rancherdesktop.rdd.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.wire.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine in a Lima VM named {@value #INSTANCE} with {@code LIMA_HOME=<short_dir>/lima}, driving
 * {@code limactl create|start|stop|delete}. The template ({@link LimaTemplate}) selects the engine and forwards the
 * guest's Docker socket to {@code <short_dir>/docker.sock}. The driver reports Running only once the engine answers:
 * a Docker ping on the forwarded socket (moby) or {@code nerdctl version} in the guest (containerd).
 *
 * <p>A template change (engine switch, {@code RDD_VM_CPUS}) is applied by stopping the VM and rewriting its
 * {@code lima.yaml}, which Lima reads on every start; the disk is kept. While running, the driver watches Lima's host
 * agent ({@code ha.pid}) with {@code onExit()}: if the VM stops outside rdd, the status becomes Stopped.
 */
public final class LimaDriver implements VmDriver {
    public static final String INSTANCE = "rd";
    /** A first start downloads an image and provisions the engine. */
    static final Duration LIMACTL_START_TIMEOUT = Duration.ofMinutes(20);
    static final Duration LIMACTL_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(LimaDriver.class);
    private static final Backoff ENGINE_BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final InstancePaths paths;
    private final Path limactl;
    private final HostEnvironment host;
    private final StatusHub hub;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong epoch = new AtomicLong();
    private EngineConfig config;
    private boolean closed;

    public LimaDriver(InstancePaths paths, Path limactl, HostEnvironment host) {
        this.paths = Objects.requireNonNull(paths);
        this.limactl = Objects.requireNonNull(limactl);
        this.host = Objects.requireNonNull(host);
        this.hub = new StatusHub("vm-lima-" + paths.instance().suffix() + "-status", VmStatus.stopped("not started", 0));
    }

    @Override
    public DriverKind kind() {
        return DriverKind.LIMA;
    }

    /** {@code <dir>/lima/rd.yaml}: the template as last applied to the VM. */
    public Path appliedTemplate() {
        return paths.dir().resolve("lima").resolve(INSTANCE + ".yaml");
    }

    private Path instanceDir() {
        return paths.limaHome().resolve(INSTANCE);
    }

    @Override
    public synchronized VmStatus start(EngineConfig cfg) throws VmException {
        ensureOpen();
        if (cfg.equals(config) && hub.current().isRunning()) {
            return hub.current();
        }
        long myEpoch = epoch.incrementAndGet();
        hub.update(s -> new VmStatus(VmPhase.STARTING, VmReason.STARTING, "starting the Lima VM " + INSTANCE,
                s.restartCount(), Optional.empty()));
        try {
            LimaTemplate template = LimaTemplate.render(cfg, paths);
            Files.createDirectories(paths.limaHome());
            Files.createDirectories(appliedTemplate().getParent());
            Optional<String> state = instanceState();
            if (state.isEmpty()) {
                Files.writeString(appliedTemplate(), template.yaml());
                limactl(LIMACTL_TIMEOUT, "create", "--tty=false", "--name=" + INSTANCE, appliedTemplate().toString());
                state = Optional.of("Stopped");
            } else if (!template.yaml().equals(readIfExists(appliedTemplate()))) {
                if ("Running".equals(state.get())) {
                    log.info("the Lima template changed; stopping VM {} to apply it", INSTANCE);
                    limactl(LIMACTL_TIMEOUT, "stop", INSTANCE);
                    state = Optional.of("Stopped");
                }
                // Lima reads lima.yaml on every start (it is what `limactl edit` rewrites); the disk stays.
                Files.writeString(instanceDir().resolve("lima.yaml"), template.yaml());
                Files.writeString(appliedTemplate(), template.yaml());
            }
            if (!"Running".equals(state.get())) {
                limactl(LIMACTL_START_TIMEOUT, "start", "--tty=false", INSTANCE);
            }
            awaitEngine(cfg);
        } catch (VmException e) {
            hub.publish(failed(VmReason.START_FAILED, e.getMessage()));
            throw e;
        } catch (IOException e) {
            String m = "cannot prepare the Lima instance in " + paths.limaHome() + ": " + e.getMessage();
            hub.publish(failed(VmReason.START_FAILED, m));
            throw new VmException(VmReason.START_FAILED, m, e);
        }
        config = cfg;
        watchHostAgent(myEpoch);
        Optional<EngineEndpoint> endpoint = cfg.engine() == EngineKind.MOBY
                ? Optional.of(new EngineEndpoint(EngineKind.MOBY, paths.dockerEndpoint())) : Optional.empty();
        return hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED, "the Lima VM " + INSTANCE + " runs "
                + cfg.engine().daemon(), s.restartCount(), endpoint));
    }

    /** Waits until the engine in the VM answers. */
    private void awaitEngine(EngineConfig cfg) throws VmException {
        // Backoff between checks: the port forward appears when the guest's engine listens.
        Poll.Result<Void> r = Poll.untilOk(() -> switch (cfg.engine()) {
            case MOBY -> new EngineProbe.DockerPing(paths.dockerEndpoint()).check(Duration.ofSeconds(3));
            case CONTAINERD -> {
                LimactlResult v = run(Duration.ofSeconds(30), List.of("shell", INSTANCE, "sudo", "nerdctl", "version"));
                yield v.ok() ? Optional.empty() : Optional.of("nerdctl version in the VM failed: " + v.output());
            }
        }, Instant.now().plus(cfg.startTimeout()), ENGINE_BACKOFF);
        switch (r) {
            case Poll.Result.Done<Void> d -> {
            }
            case Poll.Result.TimedOut<Void> t -> throw new VmException(VmReason.START_FAILED, "the Lima VM " + INSTANCE
                    + " is up but " + cfg.engine().daemon() + " does not answer within " + cfg.startTimeout().toSeconds()
                    + " s: " + t.lastReason());
            case Poll.Result.Interrupted<Void> i ->
                    throw new VmException(VmReason.START_FAILED, "interrupted while waiting for the engine in the Lima VM");
        }
    }

    /** Lima's host agent runs as long as the VM does; its exit outside a stop means the VM went away. */
    private void watchHostAgent(long myEpoch) {
        Path haPid = instanceDir().resolve("ha.pid");
        Optional<ProcessHandle> agent;
        try {
            agent = Files.isRegularFile(haPid)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(haPid).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            agent = Optional.empty();
        }
        agent.filter(ProcessHandle::isAlive).ifPresentOrElse(ph -> ph.onExit().thenRun(() -> {
            if (epoch.get() == myEpoch && !isClosed()) {
                log.warn("the Lima host agent (pid {}) exited: the VM {} stopped outside rdd", ph.pid(), INSTANCE);
                hub.update(s -> VmStatus.stopped("the Lima VM " + INSTANCE + " stopped outside rdd", s.restartCount()));
            }
        }), () -> log.info("no Lima host agent pid in {}; VM exits outside rdd will not be noticed", haPid));
    }

    /** {@code limactl create} of the instance when it does not exist yet; it stays stopped. */
    @Override
    public synchronized void create(EngineConfig cfg) throws VmException {
        ensureOpen();
        try {
            if (instanceState().isPresent()) {
                return;
            }
            LimaTemplate template = LimaTemplate.render(cfg, paths);
            Files.createDirectories(paths.limaHome());
            Files.createDirectories(appliedTemplate().getParent());
            Files.writeString(appliedTemplate(), template.yaml());
            limactl(LIMACTL_TIMEOUT, "create", "--tty=false", "--name=" + INSTANCE, appliedTemplate().toString());
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot create the Lima instance in " + paths.limaHome() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized VmStatus stop(Duration timeout) throws VmException {
        ensureOpen();
        epoch.incrementAndGet();
        if (instanceState().filter("Running"::equals).isEmpty()) {
            return hub.update(s -> VmStatus.stopped("the Lima VM " + INSTANCE + " is stopped", s.restartCount()));
        }
        hub.update(s -> new VmStatus(VmPhase.STOPPING, VmReason.STOPPING, "stopping the Lima VM " + INSTANCE,
                s.restartCount(), Optional.empty()));
        LimactlResult r = run(timeout.plusSeconds(30), List.of("stop", INSTANCE));
        if (!r.ok()) {
            log.warn("limactl stop {} failed ({}); forcing it", INSTANCE, r.output());
            LimactlResult forced = run(LIMACTL_TIMEOUT, List.of("stop", "--force", INSTANCE));
            if (!forced.ok()) {
                String m = "limactl stop " + INSTANCE + " failed: " + r.output() + "; limactl stop --force: " + forced.output();
                hub.publish(failed(VmReason.STOP_FAILED, m));
                throw new VmException(VmReason.STOP_FAILED, m);
            }
        }
        return hub.update(s -> VmStatus.stopped("the Lima VM " + INSTANCE + " stopped", s.restartCount()));
    }

    @Override
    public synchronized VmStatus delete(Duration timeout) throws VmException {
        ensureOpen();
        epoch.incrementAndGet();
        if (instanceState().isPresent()) {
            LimactlResult r = run(LIMACTL_TIMEOUT, List.of("delete", "--force", INSTANCE));
            if (!r.ok()) {
                String m = "limactl delete --force " + INSTANCE + " failed: " + r.output();
                hub.publish(failed(VmReason.STOP_FAILED, m));
                throw new VmException(VmReason.STOP_FAILED, m);
            }
        }
        try {
            Files.deleteIfExists(appliedTemplate());
        } catch (IOException e) {
            log.warn("cannot remove {}", appliedTemplate(), e);
        }
        config = null;
        return hub.update(s -> VmStatus.stopped("the Lima VM " + INSTANCE + " was deleted", s.restartCount()));
    }

    @Override
    public VmStatus status() {
        return hub.current();
    }

    @Override
    public ListenerRegistration addListener(VmStatusListener listener) {
        return hub.add(listener);
    }

    @Override
    public synchronized void close() {
        closed = true;
        epoch.incrementAndGet();
        hub.close();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the lima driver is closed");
        }
    }

    private VmStatus failed(VmReason reason, String message) {
        return new VmStatus(VmPhase.FAILED, reason, message, hub.current().restartCount(), Optional.empty());
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p) : null;
    }

    /** The VM's Lima status ({@code Running}, {@code Stopped}, {@code Broken}…), empty if it does not exist. */
    Optional<String> instanceState() throws VmException {
        LimactlResult r = run(LIMACTL_TIMEOUT, List.of("list", "--json"));
        if (!r.ok()) {
            throw new VmException(VmReason.START_FAILED, "limactl list failed: " + r.output());
        }
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = json.readTree(line);
                if (INSTANCE.equals(n.path("name").asText())) {
                    return Optional.of(n.path("status").asText("Unknown"));
                }
            } catch (IOException e) {
                log.debug("ignoring a limactl list line that is not JSON: {}", line);
            }
        }
        return Optional.empty();
    }

    private void limactl(Duration timeout, String... args) throws VmException {
        LimactlResult r = run(timeout, List.of(args));
        if (!r.ok()) {
            throw new VmException(VmReason.START_FAILED, "limactl " + String.join(" ", args) + " failed: " + r.output());
        }
    }

    /** @param stdout standard output only (for JSON); {@code output} is both streams, for messages */
    record LimactlResult(int exitCode, String stdout, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs limactl with {@code LIMA_HOME}; its output is appended to {@code <log_dir>/lima.log} too. */
    private LimactlResult run(Duration timeout, List<String> args) throws VmException {
        List<String> cmd = new ArrayList<>();
        cmd.add(limactl.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(host.env());
        pb.environment().put("LIMA_HOME", paths.limaHome().toString());
        Path outFile = null;
        Path errFile = null;
        try {
            Files.createDirectories(paths.logDir());
            // Files, not pipes: a hung limactl must not block the reader past the timeout.
            outFile = Files.createTempFile(paths.logDir(), "limactl-", ".stdout");
            errFile = Files.createTempFile(paths.logDir(), "limactl-", ".stderr");
            pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new LimactlResult(-1, "", "limactl " + String.join(" ", args) + " timed out after "
                        + timeout.toSeconds() + " s");
            }
            String stdout = Files.readString(outFile);
            String stderr = Files.readString(errFile);
            appendLog(cmd, p.exitValue(), stdout, stderr);
            return new LimactlResult(p.exitValue(), stdout, lastLines((stderr + "\n" + stdout).strip(), 15));
        } catch (IOException e) {
            throw new VmException(VmReason.START_FAILED, "cannot run " + limactl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException(VmReason.START_FAILED, "interrupted while running limactl " + String.join(" ", args));
        } finally {
            for (Path f : new Path[] {outFile, errFile}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // a temp file in the log dir; harmless
                    }
                }
            }
        }
    }

    private void appendLog(List<String> cmd, int exit, String stdout, String stderr) {
        try {
            Files.writeString(paths.logDir().resolve("lima.log"),
                    ProcessDriver.LOG_MARKER + " " + Instant.now() + " " + String.join(" ", cmd) + " -> exit " + exit + "\n"
                            + stderr + (stderr.endsWith("\n") || stderr.isEmpty() ? "" : "\n"),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.debug("cannot append to lima.log", e);
        }
    }

    private static String lastLines(String s, int n) {
        String[] lines = s.split("\n");
        int from = Math.max(0, lines.length - n);
        String text = String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
        return text.length() <= LogTail.MAX_CHARS ? text : "…" + text.substring(text.length() - LogTail.MAX_CHARS);
    }
}
