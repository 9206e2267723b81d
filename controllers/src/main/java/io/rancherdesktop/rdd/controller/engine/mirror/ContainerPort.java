package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.List;
import java.util.Objects;

/**
 * A container port {@code {name: "80/tcp", bindings: [...]}}. An exposed but unpublished port has no bindings.
 * Bindings are sorted and immutable.
 */
public record ContainerPort(String name, List<HostBinding> bindings) {
    public ContainerPort {
        Objects.requireNonNull(name, "name");
        bindings = bindings == null ? List.of() : bindings.stream().sorted().toList();
    }
}
