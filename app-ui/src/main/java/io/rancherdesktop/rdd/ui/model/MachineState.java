package io.rancherdesktop.rdd.ui.model;

/** The machine (VirtualMachine) as the GUI presents it, derived from the App's {@code Running} condition. */
public enum MachineState {
    /** No App object yet: nothing has been configured or started. */
    NOT_CONFIGURED("Not configured"),
    STOPPED("Stopped"),
    STARTING("Starting"),
    RUNNING("Running"),
    STOPPING("Stopping"),
    /** {@code StartFailed} or {@code StopFailed}. */
    ERROR("Error");

    private final String label;

    MachineState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
