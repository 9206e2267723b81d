package io.rancherdesktop.rdd.controller.engine;

import io.rancherdesktop.rdd.controller.engine.sync.FullSync;
import java.time.Duration;

/**
 * Tunables of {@link EngineConnector}.
 *
 * @param pingTimeout        bound on the connect ping (docs/design/mirroring-rules.md §3.1: 5 s)
 * @param subscribeTimeout   bound on the engine accepting the event subscription
 * @param syncParallelism    concurrent inspects of the full sync (§3.6: default 8)
 * @param livenessInterval   how often a connected session pings the engine (each ping bounded by {@code pingTimeout});
 *                           two failed pings in a row end the session, so a frozen engine is noticed within about
 *                           {@code 2 × (livenessInterval + pingTimeout)}
 */
public record EngineConnectorSettings(Duration pingTimeout, Duration subscribeTimeout, int syncParallelism, Duration livenessInterval) {
    public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(5);

    public EngineConnectorSettings(Duration pingTimeout, Duration subscribeTimeout, int syncParallelism) {
        this(pingTimeout, subscribeTimeout, syncParallelism, DEFAULT_LIVENESS_INTERVAL);
    }

    public EngineConnectorSettings {
        if (livenessInterval == null || !livenessInterval.isPositive()) {
            throw new IllegalArgumentException("livenessInterval must be positive, got " + livenessInterval);
        }
        if (pingTimeout == null || !pingTimeout.isPositive()) {
            throw new IllegalArgumentException("pingTimeout must be positive, got " + pingTimeout);
        }
        if (subscribeTimeout == null || !subscribeTimeout.isPositive()) {
            throw new IllegalArgumentException("subscribeTimeout must be positive, got " + subscribeTimeout);
        }
        if (syncParallelism < 1) {
            throw new IllegalArgumentException("syncParallelism must be at least 1, got " + syncParallelism);
        }
    }

    public static EngineConnectorSettings defaults() {
        return new EngineConnectorSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), FullSync.DEFAULT_PARALLELISM);
    }
}
