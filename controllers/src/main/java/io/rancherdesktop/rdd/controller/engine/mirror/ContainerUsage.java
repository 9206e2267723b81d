package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.List;
import java.util.Objects;

/**
 * What one container uses, as far as {@code status.usedBy} of Images and Volumes is concerned (docs/api.md §3.3,
 * §3.4): its Docker name, its image ID and the named volumes it mounts. Taken from the container's mirror status,
 * i.e. from the inspect the engine controller makes anyway.
 *
 * @param volumes engine volume names, sorted, without duplicates
 */
public record ContainerUsage(String containerId, String name, String imageId, List<String> volumes) {
    public ContainerUsage {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(name, "name");
        volumes = volumes == null ? List.of() : volumes.stream().distinct().sorted().toList();
    }

    public static ContainerUsage of(ContainerMirror mirror) {
        ContainerMirrorStatus s = mirror.status();
        return new ContainerUsage(mirror.name(), s.name(), s.image(), s.details().volumeNames());
    }
}
