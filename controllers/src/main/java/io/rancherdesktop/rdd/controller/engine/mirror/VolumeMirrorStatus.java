package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * A Volume mirror's status (docs/api.md §3.4).
 *
 * @param name   the original Docker volume name (the mirror is named by its hash)
 * @param usedBy Docker names of the containers mounting this volume, sorted ({@link ContainerUsageIndex})
 */
public record VolumeMirrorStatus(
        String name,
        String namespace,
        Instant createdAt,
        String driver,
        String mountpoint,
        Map<String, String> labels,
        String scope,
        Map<String, String> options,
        List<String> usedBy) {

    /** A status without users. */
    public VolumeMirrorStatus(String name, String namespace, Instant createdAt, String driver, String mountpoint,
                              Map<String, String> labels, String scope, Map<String, String> options) {
        this(name, namespace, createdAt, driver, mountpoint, labels, scope, options, List.of());
    }

    public VolumeMirrorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = SortedMaps.copyOf(labels);
        options = SortedMaps.copyOf(options);
        usedBy = ContainerUsageIndex.sortedNames(usedBy);
    }

    /** This status with {@code usedBy} replaced. */
    public VolumeMirrorStatus withUsedBy(List<String> users) {
        return new VolumeMirrorStatus(name, namespace, createdAt, driver, mountpoint, labels, scope, options, users);
    }
}
