package io.rancherdesktop.rdd.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of one object as the store holds it. {@code object} is shared by every reader and must be
 * treated as read-only (deep-copy it before changing anything); {@code json} is its serialised form, so that
 * lists and watch events are written without serialising again.
 *
 * @param resource        the resource the object belongs to, e.g. {@code configmaps} or {@code apps.app.rancherdesktop.io}
 * @param key             namespace and name
 * @param resourceVersion the global revision of the write that produced this version
 * @param object          the object, with {@code metadata.resourceVersion} set to {@code resourceVersion}
 * @param json            {@code object} serialised as UTF-8 JSON
 */
public record StoredObject(String resource, ObjectKey key, long resourceVersion, ObjectNode object, byte[] json) {
    public String namespace() {
        return key.namespace();
    }

    public String name() {
        return key.name();
    }
}
