package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code Container.status.lastAction.state}. */
public enum ActionOutcome {
    @JsonProperty("Succeeded") SUCCEEDED("Succeeded"),
    @JsonProperty("Failed") FAILED("Failed");

    private final String value;

    ActionOutcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
