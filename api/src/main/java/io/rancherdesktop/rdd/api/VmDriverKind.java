package io.rancherdesktop.rdd.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which driver runs the container engine ({@code App.spec.vm.driver}, {@code VirtualMachine.spec.driver}); the driver
 * itself, the object that starts and stops the engine, is {@code io.rancherdesktop.rdd.vm.VmDriver}.
 */
public enum VmDriverKind {
    /** Pick {@link #LIMA} where {@code limactl} exists, else {@link #PROCESS} where {@code dockerd} exists, else {@link #EXTERNAL}. */
    @JsonProperty("auto") AUTO("auto"),
    /** Run dockerd or containerd as a local child process of the service. */
    @JsonProperty("process") PROCESS("process"),
    /** Attach to an existing engine socket; never start or stop it. */
    @JsonProperty("external") EXTERNAL("external"),
    /** A Lima virtual machine driven by {@code limactl}. */
    @JsonProperty("lima") LIMA("lima");

    private final String value;

    VmDriverKind(String value) {
        this.value = value;
    }

    /** The wire value, e.g. {@code process}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
