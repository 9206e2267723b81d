package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Image ID → tags, kept current from the image table's batches, so the containers table can show
 * {@code busybox:latest} instead of an ID without scanning every image per cell. JavaFX thread only.
 */
public final class ImageIndex implements ImageCatalog {
    private final Map<String, TreeSet<String>> tagsById = new HashMap<>();
    private final Map<String, String[]> idAndTagByKey = new HashMap<>();

    /** Follows {@code images}: each applied batch updates the index (before listeners registered later run). */
    public ImageIndex(ResourceTableModel<Image> images) {
        images.onApplied(batch -> {
            batch.upserted().forEach(this::put);
            batch.deleted().forEach(i -> remove(ResourceKeys.of(i)));
        });
    }

    private void put(Image image) {
        String key = ResourceKeys.of(image);
        remove(key);
        ImageStatus s = image.getStatus();
        if (s == null || s.getId() == null || s.getRepoTag() == null || s.getRepoTag().isEmpty()) {
            return;
        }
        idAndTagByKey.put(key, new String[] {s.getId(), s.getRepoTag()});
        tagsById.computeIfAbsent(s.getId(), k -> new TreeSet<>()).add(s.getRepoTag());
    }

    private void remove(String key) {
        String[] old = idAndTagByKey.remove(key);
        if (old != null) {
            TreeSet<String> tags = tagsById.get(old[0]);
            if (tags != null) {
                tags.remove(old[1]);
                if (tags.isEmpty()) {
                    tagsById.remove(old[0]);
                }
            }
        }
    }

    @Override
    public Optional<String> tagOf(String imageId) {
        TreeSet<String> tags = tagsById.get(imageId);
        return tags == null || tags.isEmpty() ? Optional.empty() : Optional.of(tags.first());
    }
}
