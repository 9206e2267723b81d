package io.rancherdesktop.rdd.controller.engine.kube;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import java.util.Objects;

/** The engine controller's views of the four mirrored kinds (informer caches plus its own recent writes). */
public record MirrorViews(KindView<Container> containers, KindView<Image> images, KindView<Volume> volumes,
                          KindView<ContainerNamespace> namespaces) {
    public MirrorViews {
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(volumes, "volumes");
        Objects.requireNonNull(namespaces, "namespaces");
    }

    /** Whether the caches hold no object of the four kinds in {@code namespace} (docs/design/mirroring-rules.md §8.4). */
    public boolean cachesEmpty(String namespace) {
        return containers.cache().list(namespace).isEmpty() && images.cache().list(namespace).isEmpty()
                && volumes.cache().list(namespace).isEmpty() && namespaces.cache().list(namespace).isEmpty();
    }
}
