package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * An Image mirror's status (docs/api.md §3.3). No conditions are defined for images, so none are carried.
 *
 * @param id          the raw image ID ({@code sha256:…})
 * @param repoTag     the tag this mirror stands for; null for the dangling mirror
 * @param repoDigests sorted
 * @param layers      the number of {@code RootFS.Layers}; null when unknown
 * @param usedBy      Docker names of the containers using this image ID, sorted ({@link ContainerUsageIndex})
 * @param history     the image's history, newest first; empty when not (yet) read
 */
public record ImageMirrorStatus(
        String namespace,
        String id,
        String repoTag,
        List<String> repoDigests,
        Instant createdAt,
        String architecture,
        String os,
        long size,
        Map<String, String> labels,
        Integer layers,
        List<String> usedBy,
        List<ImageHistoryStep> history) {

    /** A status without layer count and without users. */
    public ImageMirrorStatus(String namespace, String id, String repoTag, List<String> repoDigests, Instant createdAt,
                             String architecture, String os, long size, Map<String, String> labels) {
        this(namespace, id, repoTag, repoDigests, createdAt, architecture, os, size, labels, null, List.of(), List.of());
    }

    public ImageMirrorStatus {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(id, "id");
        repoDigests = repoDigests == null ? List.of() : repoDigests.stream().sorted().toList();
        labels = SortedMaps.copyOf(labels);
        usedBy = ContainerUsageIndex.sortedNames(usedBy);
        history = history == null ? List.of() : List.copyOf(history.subList(0, Math.min(history.size(), ImageHistoryStep.MAX_STEPS)));
    }

    /** This status with {@code usedBy} replaced. */
    public ImageMirrorStatus withUsedBy(List<String> users) {
        return new ImageMirrorStatus(namespace, id, repoTag, repoDigests, createdAt, architecture, os, size, labels,
                layers, users, history);
    }

    /** This status with {@code history} replaced. */
    public ImageMirrorStatus withHistory(List<ImageHistoryStep> steps) {
        return new ImageMirrorStatus(namespace, id, repoTag, repoDigests, createdAt, architecture, os, size, labels,
                layers, usedBy, steps);
    }
}
