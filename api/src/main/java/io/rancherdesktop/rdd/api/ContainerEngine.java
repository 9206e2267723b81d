package io.rancherdesktop.rdd.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The container engine that runs inside the machine ({@code spec.containerEngine.name}). */
public enum ContainerEngine {
    /** Docker (dockerd); the only engine whose objects are mirrored into the API. */
    @JsonProperty("moby") MOBY("moby"),
    /** containerd without Docker; the engine controller reports {@code ContainerEngineReady=True/NotApplicable}. */
    @JsonProperty("containerd") CONTAINERD("containerd");

    private final String value;

    ContainerEngine(String value) {
        this.value = value;
    }

    /** The wire value, e.g. {@code moby}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
