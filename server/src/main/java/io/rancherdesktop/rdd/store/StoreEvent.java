package io.rancherdesktop.rdd.store;

/**
 * A committed change. For {@link Type#DELETED} {@code object} is the final state of the object, carrying the
 * revision of the delete; {@code previous} is the version before the change ({@code null} for ADDED).
 */
public record StoreEvent(Type type, StoredObject object, StoredObject previous) implements WatchItem {
    public enum Type { ADDED, MODIFIED, DELETED }

    public long resourceVersion() {
        return object.resourceVersion();
    }
}
