package io.rancherdesktop.rdd.controller.engine.reconcile;

import java.util.Optional;

/**
 * How the supervisor hands work to the per-object reconcilers: enqueue one mirror of a kind. A kind whose
 * controller is not selected ({@code --controllers}) has no queue.
 */
public record MirrorQueues(Optional<ContainerMirrorReconciler> containers, Optional<ImageMirrorReconciler> images,
                           Optional<VolumeMirrorReconciler> volumes) {

    public static MirrorQueues none() {
        return new MirrorQueues(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public void container(String namespace, String name) {
        containers.ifPresent(r -> r.enqueue(namespace, name));
    }

    public void image(String namespace, String name) {
        images.ifPresent(r -> r.enqueue(namespace, name));
    }

    public void volume(String namespace, String name) {
        volumes.ifPresent(r -> r.enqueue(namespace, name));
    }
}
