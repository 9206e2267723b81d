package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A snapshot of a {@link ResourceRow}: the object, its latest warning and this GUI's pending request. */
public record RowView<T extends HasMetadata>(String key, T object, String warning, String pending) {
    /** The key prefix of a group header row (e.g. a Compose project), which stands for its members. */
    public static final String GROUP_KEY_PREFIX = "\u0000group/";

    /** Whether this is a group header row: its object is a stand-in and {@link #groupSummary()} describes the members. */
    public boolean group() {
        return key.startsWith(GROUP_KEY_PREFIX);
    }

    /** A group header's name (the Compose project), else empty. */
    public String groupName() {
        return group() ? key.substring(GROUP_KEY_PREFIX.length()) : "";
    }

    /** A group header's summary of its members ("1/2 running"), else empty. */
    public String groupSummary() {
        return group() ? pending : "";
    }

    public boolean terminating() {
        return MirrorFacts.isTerminating(object);
    }
}
