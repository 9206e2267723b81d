package io.rancherdesktop.rdd.controller.engine;

import io.rancherdesktop.rdd.controller.engine.docker.DaemonClock;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.docker.EngineUnavailableException;
import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.controller.engine.events.DockerWatcher;
import io.rancherdesktop.rdd.controller.engine.events.MirrorActionApplier;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorWriter;
import io.rancherdesktop.rdd.controller.engine.sync.FullSync;
import io.rancherdesktop.rdd.controller.engine.sync.FullSyncException;
import io.rancherdesktop.rdd.controller.engine.sync.FullSyncResult;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a Docker engine the way docs/design/mirroring-rules.md §3 prescribes: build the client and ping it
 * (5 s), read the daemon clock for {@code since}, subscribe to events <em>before</em> the full sync, run the
 * full sync, and only then start event delivery and hand back a live {@link EngineSession}. Events raised
 * during the sync are replayed after it, which is harmless because every apply is idempotent.
 */
public final class EngineConnector {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConnector.class);

    private final MirrorWriter writer;
    private final EngineConnectorSettings settings;
    private final DaemonClock clock;

    public EngineConnector(MirrorWriter writer, EngineConnectorSettings settings, Clock hostClock) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = new DaemonClock(Objects.requireNonNull(hostClock, "hostClock"));
    }

    /**
     * @param endpoint the instance's Docker endpoint ({@code InstancePaths.dockerEndpoint()}, §1.5)
     * @param onDeath  coalescing, non-blocking wake-up of the supervisor; runs once if the watcher dies later
     * @throws EngineConnectException when ping, subscription or the full sync fails; nothing stays open then
     */
    public EngineSession connect(String endpoint, Runnable onDeath) throws EngineConnectException {
        DockerEngineClient api;
        try {
            api = DockerEngineClient.open(endpoint, EngineClientSettings.forCalls());
        } catch (IllegalArgumentException e) {
            throw new EngineConnectException(e.getMessage(), e);
        }
        DockerWatcher watcher = null;
        try {
            api.ping(settings.pingTimeout());
            EventsSince since = clock.since(api.docker());
            DockerEngineClient events = DockerEngineClient.open(endpoint, EngineClientSettings.forEventStream());
            // One full sync, and so one usage index, per session: the sync fills it, the event handler keeps it current.
            FullSync fullSync = new FullSync(api, writer, settings.syncParallelism());
            watcher = DockerWatcher.subscribe(events, since, new MirrorActionApplier(api, writer, fullSync), onDeath,
                    settings.subscribeTimeout(), api);
            FullSyncResult sync = fullSync.run();
            watcher.startDelivery();
            if (!watcher.isAlive()) {
                throw new EngineConnectException("the Docker event stream at " + endpoint + " ended during the full sync", null);
            }
            DockerEngineClient probeClient = api;
            watcher.monitorLiveness(() -> probeClient.ping(settings.pingTimeout()), settings.livenessInterval());
            LOG.info("Connected to the Docker engine at {}", endpoint);
            return new EngineSession(api, watcher, since, sync);
        } catch (EngineUnavailableException | FullSyncException e) {
            closeAfterFailure(api, watcher);
            throw new EngineConnectException(e.getMessage(), e);
        } catch (EngineConnectException e) {
            closeAfterFailure(api, watcher);
            throw e;
        } catch (RuntimeException e) {
            closeAfterFailure(api, watcher);
            throw new EngineConnectException("connecting to the Docker engine at " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(DockerEngineClient api, DockerWatcher watcher) {
        if (watcher != null) {
            watcher.close();
        }
        try {
            api.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the Docker client after a failed connect failed: {}", e.getMessage());
        }
    }
}
