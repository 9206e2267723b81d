package io.rancherdesktop.rdd.api.containers.v1alpha1;

/** Group and version of the containers kinds. */
public final class ContainersGroup {

    public static final String GROUP = "containers.rancherdesktop.io";
    public static final String VERSION = "v1alpha1";

    private ContainersGroup() {
    }
}
