package io.rancherdesktop.rdd.controller.engine.docker;

import com.github.dockerjava.api.DockerClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the engine's clock for the event subscription's {@code since} (docs/design/mirroring-rules.md §3.2). The
 * daemon's clock is used because the daemon stamps the events: in a VM it can differ from the host's.
 */
public final class DaemonClock {
    /** How far back the host-clock fallback reaches, to absorb a skewed VM clock. */
    public static final Duration FALLBACK_LOOKBACK = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(DaemonClock.class);

    private final Clock hostClock;

    public DaemonClock(Clock hostClock) {
        this.hostClock = hostClock;
    }

    /** {@code /info} {@code SystemTime}, or host time minus {@link #FALLBACK_LOOKBACK} if that fails. */
    public EventsSince since(DockerClient docker) {
        String systemTime = null;
        try {
            systemTime = docker.infoCmd().exec().getSystemTime();
            return new EventsSince(parse(systemTime), EventsSince.Source.DAEMON_CLOCK);
        } catch (RuntimeException e) {
            Instant fallback = hostClock.instant().minus(FALLBACK_LOOKBACK);
            LOG.warn("Reading the engine clock failed ({}); subscribing to events since host time minus {}: {}",
                    systemTime == null ? EngineErrors.message(e) : "unparsable SystemTime \"" + systemTime + "\"",
                    FALLBACK_LOOKBACK, fallback);
            return new EventsSince(fallback, EventsSince.Source.HOST_CLOCK_FALLBACK);
        }
    }

    /** Docker's RFC 3339 time with nanoseconds and a zone offset. */
    static Instant parse(String systemTime) {
        if (systemTime == null || systemTime.isBlank()) {
            throw new DateTimeParseException("empty SystemTime", String.valueOf(systemTime), 0);
        }
        return OffsetDateTime.parse(systemTime).toInstant();
    }
}
