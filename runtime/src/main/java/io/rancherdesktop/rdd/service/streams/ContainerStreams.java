package io.rancherdesktop.rdd.service.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.apiserver.BodyCodec;
import io.rancherdesktop.rdd.apiserver.RequestInfo;
import io.rancherdesktop.rdd.apiserver.StatusException;
import io.rancherdesktop.rdd.apiserver.StreamingSubresources;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Container subresources {@code log} and {@code stats} (docs/api.md, "Container log and stats"): what they share —
 * resolving the request to an engine container (the engine must be {@code Connected}, the mirror must exist), a
 * connection of their own to the engine per request ({@link EngineHttp}), and noticing a client that went away.
 *
 * <p>Vanished clients: a log follow of a quiet container writes nothing for as long as the container prints nothing,
 * so a write would never fail. Instead each open stream is probed every {@link #PROBE_INTERVAL} on the read side: a
 * non-blocking {@code fill} of the request's Jetty endpoint (the client sends nothing after its GET, and Jetty does
 * not read while the request is served) returns -1 or fails once the client has closed its end; the stream then
 * closes its Docker connection, which ends the blocked read of Docker's stream at once. Nothing is written to the
 * client for this. A client that half-closes its sending side after the request counts as gone.
 */
public final class ContainerStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContainerStreams.class);
    static final String GROUP = "containers.rancherdesktop.io";
    static final String RESOURCE = "containers";
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final String CONTAINERS = RESOURCE + "." + GROUP;

    private final ObjectStore store;
    private final ConnectedEngine engine;
    private final ScheduledExecutorService probes;
    private final AtomicInteger open = new AtomicInteger();

    private ContainerStreams(ObjectStore store, ConnectedEngine engine) {
        this.store = store;
        this.engine = engine;
        this.probes = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("rdd-stream-probe").factory());
    }

    /**
     * Registers {@code log} and {@code stats} of Container with the server.
     *
     * @param engine the engine the streams talk to (503 unless it is connected)
     */
    public static ContainerStreams register(StreamingSubresources registry, ObjectStore store, ConnectedEngine engine) {
        ContainerStreams streams = new ContainerStreams(store, engine);
        registry.register(new ContainerLogs(streams));
        registry.register(new ContainerStats(streams));
        return streams;
    }

    /** How many log and stats streams are open now (for tests and diagnostics). */
    public int openStreams() {
        return open.get();
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }

    /** The engine container a request addresses. */
    record Target(String endpoint, String mirrorName, String id, JsonNode inspect) {
        boolean tty() {
            return inspect.path("Config").path("Tty").asBoolean(false);
        }

        boolean running() {
            return inspect.path("State").path("Running").asBoolean(false) && !inspect.path("State").path("Paused").asBoolean(false);
        }

        String state() {
            return inspect.path("State").path("Status").asText("unknown");
        }

        /** {@code GET /containers/{id}/<pathAndQuery>} on a connection of its own; 503 when the engine is unreachable. */
        EngineHttp open(String pathAndQuery) {
            try {
                return EngineHttp.get(endpoint, "/containers/" + encode(id) + "/" + pathAndQuery);
            } catch (IOException e) {
                throw unavailable("the Docker engine at " + endpoint + " is unreachable: " + e.getMessage());
            }
        }
    }

    /**
     * Resolves the request's container: 503 unless the App's {@code ContainerEngineReady} is True/{@code Connected},
     * 404 when no Container mirror of that name exists in the namespace or the engine no longer has the container.
     */
    Target resolve(RequestInfo info) {
        String endpoint = engine.endpoint(info.namespace());
        StoredObject mirror = store.get(CONTAINERS, new ObjectKey(info.namespace(), info.name()))
                .orElseThrow(() -> StatusException.notFound(GROUP, RESOURCE, info.name()));
        String id = mirror.key().name();
        try (EngineHttp inspect = EngineHttp.get(endpoint, "/containers/" + encode(id) + "/json")) {
            if (inspect.status() == 404) {
                throw StatusException.notFound(GROUP, RESOURCE, info.name());
            }
            if (inspect.status() != 200) {
                throw StatusException.internal("inspecting container " + id + " on the Docker engine: " + inspect.status() + " " + inspect.errorText());
            }
            JsonNode json = BodyCodec.JSON.readTree(inspect.body());
            return new Target(endpoint, info.name(), id, json);
        } catch (IOException e) {
            throw unavailable("the Docker engine at " + endpoint + " is unreachable: " + e.getMessage());
        }
    }

    static StatusException unavailable(String message) {
        return ConnectedEngine.unavailable(message);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A stream's registration: counts it as open and probes its client until {@link #close()}. */
    final class Session implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean clientGone = new AtomicBoolean();
        private final ScheduledFuture<?> probe;

        Session(Request request, EngineHttp docker) {
            open.incrementAndGet();
            EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
            ByteBuffer scratch = BufferUtil.allocate(256);
            probe = probes.scheduleWithFixedDelay(() -> {
                boolean gone;
                try {
                    BufferUtil.clear(scratch);
                    gone = !ep.isOpen() || ep.fill(scratch) < 0;
                } catch (IOException | RuntimeException e) {
                    gone = true;
                }
                if (gone && clientGone.compareAndSet(false, true)) {
                    log.debug("client of a {} stream went away; closing its engine connection", docker);
                    docker.close();
                }
            }, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Whether the probe found the client gone (the engine connection is then closed). */
        boolean clientGone() {
            return clientGone.get();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                probe.cancel(false);
                open.decrementAndGet();
            }
        }
    }
}
