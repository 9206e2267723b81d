package io.rancherdesktop.rdd.controller.engine.docker;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code since} of the event subscription (docs/design/mirroring-rules.md §3.2): the daemon clock read before
 * the full sync, or host time minus two minutes when the daemon clock could not be read.
 */
public record EventsSince(Instant instant, Source source) {
    public enum Source {
        DAEMON_CLOCK,
        HOST_CLOCK_FALLBACK
    }

    public EventsSince {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(source, "source");
    }

    /** The Engine API form: Unix seconds with a nine-digit fraction, e.g. {@code 1714557600.123456789}. */
    public String dockerParameter() {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }
}
