package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;

/** What the volumes table and details pane say about one Volume mirror. */
public final class VolumeFacts {

    private VolumeFacts() {
    }

    private static VolumeStatus status(Volume v) {
        return v.getStatus() == null ? new VolumeStatus() : v.getStatus();
    }

    /** The engine's volume name, or the object name when the engine reported none. */
    public static String name(Volume v) {
        String n = status(v).getName();
        return n == null || n.isEmpty() ? v.getMetadata().getName() : n;
    }

    public static String driver(Volume v) {
        return nz(status(v).getDriver());
    }

    public static String mountpoint(Volume v) {
        return nz(status(v).getMountpoint());
    }

    public static String created(Volume v) {
        return MirrorFacts.localTime(status(v).getCreatedAt());
    }

    public static String state(Volume v) {
        return MirrorFacts.isTerminating(v) ? "Terminating" : "";
    }

    /** The Docker names of the containers that mount the volume ({@code status.usedBy}), sorted. */
    public static java.util.List<String> usedBy(Volume v) {
        return status(v).getUsedBy() == null ? java.util.List.of() : status(v).getUsedBy();
    }

    public static String searchText(Volume v) {
        return String.join(" ", name(v), driver(v), mountpoint(v), state(v), String.join(" ", usedBy(v)),
                MirrorFacts.labels(status(v).getLabels()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
