package io.rancherdesktop.rdd.controller.engine.state;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A Container's {@code spec.state}: a one-shot user request (docs/design/mirroring-rules.md §6), {@link #UNKNOWN} when
 * nothing is requested and Docker stays authoritative.
 */
public enum RequestedState {
    UNKNOWN,
    RUNNING,
    CREATED,
    PAUSED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API value; empty for anything outside the enum. */
    public static Optional<RequestedState> fromWireValue(String value) {
        return Arrays.stream(values()).filter(s -> s.wireValue().equals(value)).findFirst();
    }
}
