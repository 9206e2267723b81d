package io.rancherdesktop.rdd.controller.engine;

import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.controller.engine.events.DockerWatcher;
import io.rancherdesktop.rdd.controller.engine.sync.FullSyncResult;
import java.util.Objects;

/**
 * A live connection to the engine after a successful connect and full sync: what the engine supervisor
 * publishes as "the watcher" (docs/design/mirroring-rules.md §3.3). The watcher owns {@code engine}: when it dies
 * or is closed, the client is closed too.
 *
 * @param engine      the client for per-object work (inspects, {@code spec.state} calls, finalizer deletes)
 * @param initialSync what the full sync wrote
 */
public record EngineSession(DockerEngineClient engine, DockerWatcher watcher, EventsSince since,
                            FullSyncResult initialSync) implements AutoCloseable {
    public EngineSession {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(initialSync, "initialSync");
    }

    public boolean isAlive() {
        return watcher.isAlive();
    }

    /** Stops the watcher and closes the clients (§2.8, §8.1 step 1); the death signal does not fire. */
    @Override
    public void close() {
        watcher.close();
    }
}
