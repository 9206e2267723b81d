package io.rancherdesktop.rdd.controller.engine.mirror;

import io.rancherdesktop.rdd.api.MirrorKind;

import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import java.util.Objects;

/** A Volume mirror, named {@code vol-<sha256(name)>} (docs/api.md §3.4). */
public record VolumeMirror(String name, VolumeMirrorStatus status) implements Mirror {
    public VolumeMirror {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    public static VolumeMirror of(VolumeMirrorStatus status) {
        return new VolumeMirror(VolumeMirrorName.of(status.name()), status);
    }

    /** The same mirror with {@code status.usedBy} replaced. */
    public VolumeMirror withUsedBy(java.util.List<String> users) {
        return new VolumeMirror(name, status.withUsedBy(users));
    }

    @Override
    public MirrorKind kind() {
        return MirrorKind.VOLUME;
    }
}
