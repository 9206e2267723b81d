package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Objects;

/**
 * One mount of a container (docs/api.md §3.2, {@code status.mounts}).
 *
 * @param volumeName  the engine's volume name, for a {@link MountType#VOLUME} mount only
 * @param source      the host path, for a {@link MountType#BIND} mount only
 * @param destination the path inside the container
 * @param mode        Docker's mode string, null when empty
 */
public record MountPoint(MountType type, String volumeName, String source, String destination, String mode, boolean rw) {
    public MountPoint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        if (type == MountType.VOLUME) {
            Objects.requireNonNull(volumeName, "volumeName of a volume mount");
        }
        mode = mode == null || mode.isEmpty() ? null : mode;
    }

    /** The mount kinds the mirror distinguishes, by their wire value. */
    public enum MountType {
        VOLUME("volume"), BIND("bind"), TMPFS("tmpfs");

        private final String wireValue;

        MountType(String wireValue) {
            this.wireValue = wireValue;
        }

        public String wireValue() {
            return wireValue;
        }
    }
}
