package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Docker's RFC 3339 timestamps. Docker reports "never" as the Go zero time, which the mirrors omit. */
final class EngineTime {
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private EngineTime() {
    }

    /** Null for null, blank, the zero time, or text that is not RFC 3339. */
    static Instant parse(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(rfc3339).toInstant();
            return t.equals(GO_ZERO_TIME) || t.isBefore(GO_ZERO_TIME.plusSeconds(1)) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
