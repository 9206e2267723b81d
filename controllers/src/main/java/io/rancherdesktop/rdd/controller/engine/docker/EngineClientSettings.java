package io.rancherdesktop.rdd.controller.engine.docker;

import java.time.Duration;

/**
 * HTTP settings of one Engine API client.
 *
 * @param responseTimeout null for none, which the event stream needs: it may be idle for hours
 */
public record EngineClientSettings(Duration connectTimeout, Duration responseTimeout, int maxConnections) {
    public EngineClientSettings {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (responseTimeout != null && (responseTimeout.isNegative() || responseTimeout.isZero())) {
            throw new IllegalArgumentException("responseTimeout must be positive or null, got " + responseTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    /** For request/response calls: a wedged daemon fails a call after two minutes rather than hanging it. */
    public static EngineClientSettings forCalls() {
        return new EngineClientSettings(Duration.ofSeconds(5), Duration.ofMinutes(2), 32);
    }

    /** For the long-lived event stream: no response timeout. */
    public static EngineClientSettings forEventStream() {
        return new EngineClientSettings(Duration.ofSeconds(5), null, 2);
    }
}
