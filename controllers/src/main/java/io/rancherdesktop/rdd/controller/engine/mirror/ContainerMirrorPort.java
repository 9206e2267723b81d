package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.List;
import java.util.Objects;

/**
 * A container port {@code {name: "80/tcp", bindings: [...]}} of {@link ContainerMirrorStatus}, the engine's observed
 * state. An exposed but unpublished port has no bindings. Bindings are sorted and immutable: status comparison relies
 * on this value type, which is why it is not the API's mutable bean for the same field
 * ({@link io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort}, built from it by {@code MirrorStatusConversion}).
 */
public record ContainerMirrorPort(String name, List<HostBinding> bindings) {
    public ContainerMirrorPort {
        Objects.requireNonNull(name, "name");
        bindings = bindings == null ? List.of() : bindings.stream().sorted().toList();
    }
}
