package io.rancherdesktop.rdd.controller.engine.mirror;

import io.rancherdesktop.rdd.api.MirrorKind;

import java.util.Objects;

/** A Container mirror: named by the full Docker container ID (docs/api.md §3.2). */
public record ContainerMirror(String name, ContainerMirrorStatus status) implements Mirror {
    public ContainerMirror {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public MirrorKind kind() {
        return MirrorKind.CONTAINER;
    }
}
