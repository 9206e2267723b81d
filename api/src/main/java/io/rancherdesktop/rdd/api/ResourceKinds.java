package io.rancherdesktop.rdd.api;

import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageScanRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequest;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;

import java.util.List;
import java.util.Optional;

/**
 * Every kind of the rdd API, in a stable order. The API server installs one CRD per entry from
 * {@link ResourceKind#crdResource()}; a test checks that the generated YAML files and this list agree.
 */
public final class ResourceKinds {

    public static final List<ResourceKind> ALL = List.of(
            ResourceKind.of(App.class),
            ResourceKind.of(VirtualMachine.class),
            ResourceKind.of(ContainerNamespace.class),
            ResourceKind.of(Container.class),
            ResourceKind.of(Image.class),
            ResourceKind.of(Volume.class),
            ResourceKind.of(ContainerCreateRequest.class),
            ResourceKind.of(ImagePullRequest.class),
            ResourceKind.of(ImagePushRequest.class),
            ResourceKind.of(ImageScanRequest.class),
            ResourceKind.of(VolumeCreateRequest.class));

    private ResourceKinds() {
    }

    /** The kind with this group and kind name. */
    public static Optional<ResourceKind> find(String group, String kind) {
        return ALL.stream().filter(k -> k.group().equals(group) && k.kind().equals(kind)).findFirst();
    }
}
