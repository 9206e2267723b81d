package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code ContainerCreateRequest.spec.state}: what to do with the new container. */
public enum CreateState {
    /** Create only. */
    @JsonProperty("created") CREATED("created"),
    /** Create and start (the default, S1). */
    @JsonProperty("running") RUNNING("running");

    private final String value;

    CreateState(String value) {
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
