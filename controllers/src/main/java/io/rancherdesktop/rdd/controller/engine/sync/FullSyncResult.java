package io.rancherdesktop.rdd.controller.engine.sync;

import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of one full sync: the mirrors written (the engine snapshot, each list sorted by name), the active
 * name set per kind taken from the list responses (docs/design/mirroring-rules.md §3.9), and per-kind counts.
 */
public record FullSyncResult(
        List<ContainerMirror> containers,
        List<ImageMirror> images,
        List<VolumeMirror> volumes,
        Map<MirrorKind, Set<String>> activeNames,
        Map<MirrorKind, KindSyncStats> stats,
        Duration elapsed) {

    public FullSyncResult {
        containers = List.copyOf(containers);
        images = List.copyOf(images);
        volumes = List.copyOf(volumes);
        activeNames = Map.copyOf(activeNames);
        stats = Map.copyOf(stats);
    }

    public Set<String> activeNames(MirrorKind kind) {
        return activeNames.getOrDefault(kind, Set.of());
    }

    public KindSyncStats stats(MirrorKind kind) {
        return stats.get(kind);
    }
}
