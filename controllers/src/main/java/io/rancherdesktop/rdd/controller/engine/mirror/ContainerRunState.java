package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Container {@code status.status} enum (docs/api.md §3.2). Docker's state strings map 1:1; anything else,
 * including null, is {@link #UNKNOWN}.
 */
public enum ContainerRunState {
    CREATED,
    RUNNING,
    PAUSING,
    PAUSED,
    RESTARTING,
    REMOVING,
    EXITED,
    DEAD,
    UNKNOWN;

    private static final Map<String, ContainerRunState> BY_WIRE_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ContainerRunState::wireValue, Function.identity()));

    /** The value as written in the API ({@code running}, …). */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps Docker's {@code State.Status}; exact match only, so {@code "Running"} or {@code "up"} are unknown. */
    public static ContainerRunState fromDocker(String dockerStatus) {
        if (dockerStatus == null) {
            return UNKNOWN;
        }
        return BY_WIRE_VALUE.getOrDefault(dockerStatus, UNKNOWN);
    }
}
