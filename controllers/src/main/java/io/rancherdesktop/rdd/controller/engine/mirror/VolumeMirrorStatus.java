package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;
import java.util.Objects;
import java.util.Map;

/**
 * A Volume mirror's status (docs/api.md §3.4).
 *
 * @param name the original Docker volume name (the mirror is named by its hash)
 */
public record VolumeMirrorStatus(
        String name,
        String namespace,
        Instant createdAt,
        String driver,
        String mountpoint,
        Map<String, String> labels,
        String scope,
        Map<String, String> options) {

    public VolumeMirrorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = SortedMaps.copyOf(labels);
        options = SortedMaps.copyOf(options);
    }
}
