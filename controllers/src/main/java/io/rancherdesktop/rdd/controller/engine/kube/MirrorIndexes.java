package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cache indexes the engine controller looks mirrors up by, so that handling a Docker event never lists the
 * API (review I7): images by {@code status.id} and by {@code status.repoTag}, and Terminating images and volumes
 * (to re-try their engine delete when a container that used them goes). Keys are scoped by namespace.
 */
public final class MirrorIndexes {
    public static final String IMAGE_ID = "rdd-image-id";
    public static final String IMAGE_TAG = "rdd-image-tag";
    public static final String TERMINATING = "rdd-terminating";

    private MirrorIndexes() {
    }

    public static String key(String namespace, String value) {
        return namespace + "\u0000" + value;
    }

    public static Map<String, Function<Image, List<String>>> image() {
        return Map.of(
                IMAGE_ID, i -> i.getStatus() == null || i.getStatus().getId() == null ? List.of()
                        : List.of(key(i.getMetadata().getNamespace(), i.getStatus().getId())),
                IMAGE_TAG, i -> i.getStatus() == null || i.getStatus().getRepoTag() == null ? List.of()
                        : List.of(key(i.getMetadata().getNamespace(), i.getStatus().getRepoTag())),
                TERMINATING, MirrorIndexes::terminating);
    }

    public static <T extends HasMetadata> Map<String, Function<T, List<String>>> terminatingOnly() {
        return Map.of(TERMINATING, MirrorIndexes::terminating);
    }

    private static List<String> terminating(HasMetadata o) {
        return o.getMetadata().getDeletionTimestamp() == null ? List.of() : List.of(o.getMetadata().getNamespace());
    }
}
