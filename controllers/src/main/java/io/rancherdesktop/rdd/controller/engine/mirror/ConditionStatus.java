package io.rancherdesktop.rdd.controller.engine.mirror;

/** A Kubernetes condition status. */
public enum ConditionStatus {
    TRUE("True"),
    FALSE("False"),
    UNKNOWN("Unknown");

    private final String wireValue;

    ConditionStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static ConditionStatus of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
