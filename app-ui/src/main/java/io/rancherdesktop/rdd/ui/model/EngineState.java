package io.rancherdesktop.rdd.ui.model;

/** The container engine connection, derived from the App's {@code ContainerEngineReady} condition. */
public enum EngineState {
    STOPPED("Stopped"),
    CONNECTING("Connecting"),
    /** moby, mirrored into the API. */
    CONNECTED("Connected"),
    /** containerd runs; its objects are not mirrored. */
    NOT_MIRRORED("Running (not mirrored)"),
    /** {@code ConnectFailed}. */
    ERROR("Error");

    private final String label;

    EngineState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
