package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.wire.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches to a Docker engine somebody else runs: {@code App.spec.vm.socket}, else {@code DOCKER_HOST}, else
 * Docker's default {@value #DEFAULT_DOCKER_HOST}. It never starts or stops that engine; "stop" only detaches.
 * For a Unix socket it also links {@code <short_dir>/docker.sock} to it (when that path is free), so
 * {@code rdd svc paths docker_socket} works the same for every driver.
 *
 * <p>Nothing tells the driver when an external engine goes away; the engine controller notices through its
 * event stream and reports {@code ContainerEngineReady}.
 */
public final class ExternalDriver implements VmDriver {
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    /** An external engine is expected to be up; don't wait the full start timeout for one that is not. */
    static final Duration MAX_ATTACH_WAIT = Duration.ofSeconds(10);
    private static final Backoff PING_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
    private static final Logger log = LoggerFactory.getLogger(ExternalDriver.class);

    private final InstancePaths paths;
    private final Map<String, String> env;
    private final StatusHub hub;
    private String attached;
    /** Set while {@code <short_dir>/docker.sock} is a link this driver made. */
    private boolean linked;
    private boolean closed;

    public ExternalDriver(InstancePaths paths, HostEnvironment host) {
        this.paths = Objects.requireNonNull(paths);
        this.env = host.env();
        this.hub = new StatusHub("vm-external-" + paths.instance().suffix() + "-status", VmStatus.stopped("not attached", 0));
    }

    /** The endpoint to attach to: {@code socket}, else {@code DOCKER_HOST}, else Docker's default; paths become {@code unix://}. */
    public static String resolveEndpoint(Optional<String> socket, Map<String, String> env) {
        String s = socket.filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(env.get("DOCKER_HOST")).filter(v -> !v.isBlank()))
                .orElse(DEFAULT_DOCKER_HOST);
        return s.startsWith("/") ? "unix://" + s : s;
    }

    @Override
    public DriverKind kind() {
        return DriverKind.EXTERNAL;
    }

    @Override
    public synchronized VmStatus start(EngineConfig cfg) throws VmException {
        ensureOpen();
        if (cfg.engine() != EngineKind.MOBY) {
            String m = "the external driver attaches to a Docker API socket; containerEngine.name="
                    + cfg.engine().specValue() + " needs the process or lima driver";
            hub.publish(failed(m));
            throw new VmException(VmReason.START_FAILED, m);
        }
        String endpoint = resolveEndpoint(cfg.socket(), env);
        if (endpoint.equals(attached) && hub.current().isRunning()) {
            return hub.current();
        }
        hub.update(s -> new VmStatus(VmPhase.STARTING, VmReason.STARTING, "attaching to " + endpoint, s.restartCount(), Optional.empty()));
        EngineProbe probe = new EngineProbe.DockerPing(endpoint);
        Instant deadline = Instant.now().plus(cfg.startTimeout().compareTo(MAX_ATTACH_WAIT) < 0 ? cfg.startTimeout() : MAX_ATTACH_WAIT);
        // Backoff between pings: an external engine announces nothing.
        Poll.Result<Void> answered = Poll.untilOk(() -> probe.check(Duration.ofSeconds(3)), deadline, PING_BACKOFF);
        String err = switch (answered) {
            case Poll.Result.Done<Void> d -> null;
            case Poll.Result.TimedOut<Void> t -> t.lastReason();
            case Poll.Result.Interrupted<Void> i -> i.lastReason();
        };
        if (err != null) {
            String m = "no Docker engine answers at " + endpoint + ": " + err;
            hub.publish(failed(m));
            throw new VmException(VmReason.START_FAILED, m);
        }
        attached = endpoint;
        linkInstanceSocket(endpoint);
        log.info("attached to the external Docker engine at {}", endpoint);
        return hub.update(s -> new VmStatus(VmPhase.RUNNING, VmReason.STARTED, "attached to the Docker engine at " + endpoint,
                s.restartCount(), Optional.of(new EngineEndpoint(EngineKind.MOBY, endpoint))));
    }

    /** Detaches; the external engine keeps running. */
    @Override
    public void create(EngineConfig cfg) {
        // nothing to create: the engine is somebody else's
    }

    @Override
    public synchronized VmStatus stop(Duration timeout) {
        ensureOpen();
        String was = attached;
        attached = null;
        unlinkInstanceSocket();
        return hub.update(s -> VmStatus.stopped(was == null ? "not attached" : "detached from " + was + " (it keeps running)",
                s.restartCount()));
    }

    /** Same as {@link #stop}: the external engine's data is not ours to delete. */
    @Override
    public VmStatus delete(Duration timeout) {
        return stop(timeout);
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
        hub.close();
    }

    private VmStatus failed(String message) {
        return new VmStatus(VmPhase.FAILED, VmReason.START_FAILED, message, hub.current().restartCount(), Optional.empty());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the external driver is closed");
        }
    }

    private Path instanceSocket() {
        return Path.of(paths.dockerSocket());
    }

    private void linkInstanceSocket(String endpoint) {
        if (!endpoint.startsWith("unix://")) {
            return;
        }
        Path target = EngineProbe.unixPath(endpoint);
        Path link = instanceSocket();
        if (link.equals(target) || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return; // never replace a real socket (e.g. another driver's engine) or someone's file
        }
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
            linked = true;
        } catch (IOException | UnsupportedOperationException e) {
            log.info("cannot link {} to {}: {}", link, target, e.getMessage());
        }
    }

    private void unlinkInstanceSocket() {
        Path link = instanceSocket();
        if (!linked) {
            return;
        }
        linked = false;
        try {
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", link, e.getMessage());
        }
    }
}
