package io.rancherdesktop.rdd.store;

import java.util.Comparator;

/**
 * The identity of an object inside one resource: namespace ({@code ""} for cluster-scoped kinds) and name.
 * Ordered by namespace, then name, which is the order of lists and of {@code continue} tokens.
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {
    private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::namespace).thenComparing(ObjectKey::name);

    public ObjectKey {
        namespace = namespace == null ? "" : namespace;
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("object name must not be empty");
        }
    }

    @Override
    public int compareTo(ObjectKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
