package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A snapshot of a {@link ResourceRow}: the object, its latest warning and this GUI's pending request. */
public record RowView<T extends HasMetadata>(String key, T object, String warning, String pending) {

    public boolean terminating() {
        return MirrorFacts.isTerminating(object);
    }
}
