package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** {@code Container.spec.state}: a one-shot request, returned to {@link #UNKNOWN} once served. */
public enum RequestedState {
    /** No request: Docker is authoritative. */
    @JsonProperty("unknown") UNKNOWN("unknown"),
    /** Start or unpause. */
    @JsonProperty("running") RUNNING("running"),
    /** Stop (the container stays, in Docker's {@code exited} or {@code created} state). */
    @JsonProperty("created") CREATED("created"),
    /** Pause a running container (an extension of the upstream enum, docs/design/mirroring-rules.md §6.6). */
    @JsonProperty("paused") PAUSED("paused"),
    /**
     * Restart (docker restart: stop, then start, whatever the current state); recorded in {@code status.lastAction}
     * as {@code restarted} like the others (docs/api.md §3.2).
     */
    @JsonProperty("restarted") RESTARTED("restarted");

    private final String value;

    RequestedState(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Parses the API value; empty for anything outside the enum. */
    public static Optional<RequestedState> fromValue(String value) {
        for (RequestedState s : values()) {
            if (s.value.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
