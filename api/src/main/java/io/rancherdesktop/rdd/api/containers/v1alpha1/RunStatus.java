package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;

/** {@code Container.status.status}: Docker's {@code State.Status}, 1:1; anything else is {@link #UNKNOWN}. */
public enum RunStatus {
    @JsonProperty("created") CREATED("created"),
    @JsonProperty("running") RUNNING("running"),
    @JsonProperty("pausing") PAUSING("pausing"),
    @JsonProperty("paused") PAUSED("paused"),
    @JsonProperty("restarting") RESTARTING("restarting"),
    @JsonProperty("removing") REMOVING("removing"),
    @JsonProperty("exited") EXITED("exited"),
    @JsonProperty("dead") DEAD("dead"),
    @JsonProperty("unknown") UNKNOWN("unknown");

    private final String value;

    RunStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Maps an engine status string; null or unrecognised values become {@link #UNKNOWN}. */
    public static RunStatus fromEngine(String engineStatus) {
        return Arrays.stream(values()).filter(s -> s.value.equals(engineStatus)).findFirst().orElse(UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
