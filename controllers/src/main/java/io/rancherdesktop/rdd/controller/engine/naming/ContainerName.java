package io.rancherdesktop.rdd.controller.engine.naming;

import java.util.Objects;

/**
 * A Docker container name split into the engine namespace and the name inside it (docs/api.md §3.2:
 * {@code status.namespace}, {@code status.name}).
 */
public record ContainerName(String namespace, String name) {
    /** The engine namespace of plain Docker containers. */
    public static final String DEFAULT_NAMESPACE = "moby";

    public ContainerName {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }
}
